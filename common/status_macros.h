// common/status_macros.h
//
// Debian 12's Abseil (LTS 20220623) has absl::Status and absl::StatusOr but
// not ABSL_RETURN_IF_ERROR / ABSL_ASSIGN_OR_RETURN and not absl/log. These are
// the project's spellings (STYLE.md 4.4). Keep them tiny.
//
//   absl::StatusOr<Vocab> Load(absl::string_view path) {
//     TF_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
//     TF_RETURN_IF_ERROR(Validate(text));
//     ...
//   }

#ifndef TOKENFORGE_COMMON_STATUS_MACROS_H_
#define TOKENFORGE_COMMON_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Returns from the enclosing function if `expr`, an absl::Status, is not OK.
#define TF_RETURN_IF_ERROR(expr)                                 \
  do {                                                           \
    if (::absl::Status tf_status_ = (expr); !tf_status_.ok()) {  \
      return tf_status_;                                         \
    }                                                            \
  } while (false)

// TF_ASSIGN_OR_RETURN(T x, F()) declares x from F()'s StatusOr<T>, or returns
// its error. Expands to several statements: never use it as the body of an
// unbraced if.
#define TF_ASSIGN_OR_RETURN(lhs, rexpr) \
  TF_ASSIGN_OR_RETURN_IMPL_(TF_CONCAT_(tf_statusor_, __LINE__), lhs, rexpr)
#define TF_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr)    \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = *std::move(statusor)
#define TF_CONCAT_(a, b) TF_CONCAT_IMPL_(a, b)
#define TF_CONCAT_IMPL_(a, b) a##b

// Aborts with file:line and the condition. For bugs in this library, never
// for bad input.
#define TF_CHECK(cond) \
  ((cond) ? (void)0    \
          : ::tokenforge::internal::CheckFailed(__FILE__, __LINE__, #cond))

namespace tokenforge {
namespace internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* cond);
}  // namespace internal

// Returns `status` with `context + ": "` prefixed to its message, keeping the
// code. OK stays OK.
absl::Status Annotate(const absl::Status& status, absl::string_view context);

}  // namespace tokenforge

#endif  // TOKENFORGE_COMMON_STATUS_MACROS_H_
