// tests/fuzz/replay_main.cc
//
// A main() for the fuzz targets in builds without libFuzzer: runs
// LLVMFuzzerTestOneInput on every file named on the command line, and on
// every file inside each directory named (sorted, so runs are repeatable).
// ctest runs each fuzzer this way over tests/fuzz/corpus/<fuzzer>/, so every
// input that once crashed stays a regression test.
//
//   tokenizer_json_fuzzer_replay tests/fuzz/corpus/tokenizer_json_fuzzer
//
// A target signals failure by crashing (TF_CHECK aborts); this driver exits
// 1 only when it cannot read its inputs, or when there are none.
//
// Subdirectories are not entered: corpus/<fuzzer>/open/ holds reproducers of
// bugs found but not fixed yet (replay them by naming the directory); move
// one up a level with its fix.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// Appends `path`, or the regular files under it when it is a directory.
bool CollectInputs(const std::filesystem::path& path,
                   std::vector<std::filesystem::path>* files) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (entry.is_regular_file()) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    files->insert(files->end(), found.begin(), found.end());
    return !error;
  }
  if (std::filesystem::is_regular_file(path, error)) {
    files->push_back(path);
    return true;
  }
  std::fprintf(stderr, "replay: %s: no such file or directory\n", path.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (!CollectInputs(argv[i], &files)) return 1;
  }
  if (files.empty()) {
    std::fprintf(stderr, "replay: no inputs (usage: %s FILE_OR_DIR...)\n", argv[0]);
    return 1;
  }
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 1;
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replay: %zu inputs ran without a crash\n", files.size());
  return 0;
}
