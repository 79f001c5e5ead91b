// tests/testing/status_matchers.h
//
// gtest helpers for absl::Status, since Debian 12's Abseil lacks absl_testing.
//
//   TF_ASSERT_OK(WriteFileAtomically(path, "x"));
//   TF_ASSERT_OK_AND_ASSIGN(std::string text, ReadFile(path));
//   EXPECT_THAT(ReadFile("/nope"), StatusIs(absl::StatusCode::kNotFound));

#ifndef TOKENFORGE_TESTS_TESTING_STATUS_MATCHERS_H_
#define TOKENFORGE_TESTS_TESTING_STATUS_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tokenforge::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& status = ::tokenforge::testing::GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = ::tokenforge::testing::GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher,
                                       std::string(status.message()),
                                       result_listener);
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = ::tokenforge::testing::GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.ok();
}

}  // namespace tokenforge::testing

#define TF_EXPECT_OK(expr) EXPECT_THAT((expr), ::tokenforge::testing::IsOk())
#define TF_ASSERT_OK(expr) ASSERT_THAT((expr), ::tokenforge::testing::IsOk())

#define TF_ASSERT_OK_AND_ASSIGN(lhs, rexpr)                               \
  TF_ASSERT_OK_AND_ASSIGN_IMPL_(TF_TEST_CONCAT_(tf_sor_, __LINE__), lhs, \
                                rexpr)
#define TF_ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  ASSERT_TRUE(statusor.ok()) << statusor.status().ToString(); \
  lhs = *std::move(statusor)
#define TF_TEST_CONCAT_(a, b) TF_TEST_CONCAT_IMPL_(a, b)
#define TF_TEST_CONCAT_IMPL_(a, b) a##b

#endif  // TOKENFORGE_TESTS_TESTING_STATUS_MATCHERS_H_
