// model/checkpoint.cc

#include "model/checkpoint.h"

#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/file.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

constexpr absl::string_view kMagic = "tokenforge-lm-checkpoint 1\n";
constexpr absl::string_view kEnd = "end\n";

std::string CheckpointPath(absl::string_view dir) {
  return absl::StrCat(dir, "/checkpoint.bin");
}

void AppendFloats(const std::vector<float>& v, std::string* out) {
  out->append(reinterpret_cast<const char*>(v.data()),
              sizeof(float) * v.size());
}

absl::Status ReadFloats(absl::string_view* in, std::vector<float>* v) {
  const size_t bytes = sizeof(float) * v->size();
  if (in->size() < bytes) return absl::DataLossError("checkpoint is truncated");
  std::memcpy(v->data(), in->data(), bytes);
  in->remove_prefix(bytes);
  return absl::OkStatus();
}

}  // namespace

bool HasCheckpoint(absl::string_view dir) {
  return FileExists(CheckpointPath(dir));
}

absl::Status SaveCheckpoint(absl::string_view dir, const LmSetup& setup,
                            int64_t step, const Transformer<float>& model,
                            const AdamW& optimizer) {
  std::error_code error;
  std::filesystem::create_directories(std::string(dir), error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot create ", dir, ": ", error.message()));
  }
  const std::string header =
      absl::StrCat(setup.ToText(), "step = ", step,
                   "\nadam_step = ", optimizer.step(), "\n");
  std::string data = absl::StrCat(kMagic, header, kEnd);
  const uint64_t n = model.params().values().size();
  data.append(reinterpret_cast<const char*>(&n), sizeof(n));
  AppendFloats(model.params().values(), &data);
  AppendFloats(optimizer.m(), &data);
  AppendFloats(optimizer.v(), &data);
  TF_RETURN_IF_ERROR(WriteFileAtomically(CheckpointPath(dir), data));
  return WriteFileAtomically(absl::StrCat(dir, "/config.txt"), header);
}

absl::StatusOr<LoadedCheckpoint> LoadCheckpoint(absl::string_view dir) {
  const std::string path = CheckpointPath(dir);
  if (!FileExists(path)) {
    return absl::NotFoundError(absl::StrCat("no checkpoint at ", path));
  }
  TF_ASSIGN_OR_RETURN(std::string raw, ReadFile(path));
  absl::string_view in = raw;
  if (!absl::ConsumePrefix(&in, kMagic)) {
    return absl::DataLossError(absl::StrCat(path, ": not a checkpoint"));
  }
  const size_t end = in.find(absl::StrCat("\n", kEnd));
  if (end == absl::string_view::npos) {
    return absl::DataLossError(absl::StrCat(path, ": header has no end"));
  }
  TF_ASSIGN_OR_RETURN(KeyValues kv, ParseKeyValues(in.substr(0, end + 1)));
  in.remove_prefix(end + 1 + kEnd.size());
  LoadedCheckpoint ckpt;
  TF_RETURN_IF_ERROR(ckpt.setup.model.Update(kv));
  TF_RETURN_IF_ERROR(ckpt.setup.train.Update(kv));
  TF_RETURN_IF_ERROR(Annotate(ckpt.setup.Validate(), path));
  TF_RETURN_IF_ERROR(GetInt64(kv, "step", &ckpt.step));
  int64_t adam_step = 0;
  TF_RETURN_IF_ERROR(GetInt64(kv, "adam_step", &adam_step));
  TF_ASSIGN_OR_RETURN(ckpt.model,
                      Transformer<float>::Create(ckpt.setup.model, 0));
  uint64_t n = 0;
  if (in.size() < sizeof(n))
    return absl::DataLossError("checkpoint is truncated");
  std::memcpy(&n, in.data(), sizeof(n));
  in.remove_prefix(sizeof(n));
  std::vector<float>& values = ckpt.model->params().values();
  if (n != values.size()) {
    return absl::DataLossError(
        absl::StrCat(path, ": ", n, " parameters, but the configuration has ",
                     values.size()));
  }
  TF_RETURN_IF_ERROR(ReadFloats(&in, &values));
  AdamWOptions adam{.beta1 = ckpt.setup.train.beta1,
                    .beta2 = ckpt.setup.train.beta2,
                    .weight_decay = ckpt.setup.train.weight_decay};
  ckpt.optimizer = std::make_unique<AdamW>(static_cast<int64_t>(n), adam);
  TF_RETURN_IF_ERROR(ReadFloats(&in, &ckpt.optimizer->m()));
  TF_RETURN_IF_ERROR(ReadFloats(&in, &ckpt.optimizer->v()));
  ckpt.optimizer->set_step(adam_step);
  if (!in.empty()) {
    return absl::DataLossError(absl::StrCat(path, ": trailing bytes"));
  }
  return ckpt;
}

}  // namespace tokenforge
