// tests/testing/shared_data.h
//
// Locates the team's shared corpora and reference vocabularies in
// ../shared/data (relative to the repository root, where ctest runs the
// tests). Tests that need them call SharedDataPath() and GTEST_SKIP() with a
// clear message when the file is absent:
//
//   std::string path = SharedDataPath("vocabs/tiktoken/cl100k_base.tiktoken");
//   if (path.empty()) GTEST_SKIP() << SharedDataMissing("cl100k_base.tiktoken");

#ifndef TOKENFORGE_TESTS_TESTING_SHARED_DATA_H_
#define TOKENFORGE_TESTS_TESTING_SHARED_DATA_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace tokenforge::testing {

// Returns the directory of the shared data ($TF_SHARED_DATA, else
// ../shared/data), or "" when it does not exist.
inline std::string SharedDataDir() {
  const char* env = std::getenv("TF_SHARED_DATA");
  const std::string dir = env != nullptr ? env : "../shared/data";
  return std::filesystem::is_directory(dir) ? dir : "";
}

// Returns the full path of `relative` inside the shared data, or "" when the
// file is not there.
inline std::string SharedDataPath(const std::string& relative) {
  const std::string dir = SharedDataDir();
  if (dir.empty()) return "";
  const std::string path = dir + "/" + relative;
  return std::filesystem::exists(path) ? path : "";
}

// Returns the message a test prints when it skips for missing shared data.
inline std::string SharedDataMissing(const std::string& relative) {
  return "SKIPPED: shared data file '" + relative +
         "' is absent (looked in $TF_SHARED_DATA or ../shared/data)";
}

}  // namespace tokenforge::testing

#endif  // TOKENFORGE_TESTS_TESTING_SHARED_DATA_H_
