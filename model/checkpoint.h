// model/checkpoint.h
//
// Checkpoints: a directory holding
//
//   checkpoint.bin  the authoritative file, written atomically (temporary
//                   file + rename, common/file.h), so a crash leaves the
//                   previous checkpoint intact:
//                     "tokenforge-lm-checkpoint 1\n"
//                     "key = value" lines: LmSetup fields, step, adam_step
//                     "end\n"
//                     uint64 n, then n float32 parameters (arena order),
//                     then n float32 Adam m and n float32 Adam v
//                   all little-endian.
//   config.txt      the same key = value lines, for people (not read back).
//
// The format is documented in docs/model.md.

#ifndef TOKENFORGE_MODEL_CHECKPOINT_H_
#define TOKENFORGE_MODEL_CHECKPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/lm_setup.h"
#include "model/optimizer.h"
#include "model/transformer.h"

namespace tokenforge {

// Writes dir/checkpoint.bin and dir/config.txt, creating dir if needed.
absl::Status SaveCheckpoint(absl::string_view dir, const LmSetup& setup,
                            int64_t step, const Transformer<float>& model,
                            const AdamW& optimizer);

struct LoadedCheckpoint {
  LmSetup setup;
  int64_t step = 0;  // Completed training steps.
  std::unique_ptr<Transformer<float>> model;
  std::unique_ptr<AdamW> optimizer;
};

// Reads dir/checkpoint.bin. kNotFound when absent; kDataLoss when the
// file is truncated or its sizes do not match its configuration.
absl::StatusOr<LoadedCheckpoint> LoadCheckpoint(absl::string_view dir);

// Returns true if dir/checkpoint.bin exists.
bool HasCheckpoint(absl::string_view dir);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_CHECKPOINT_H_
