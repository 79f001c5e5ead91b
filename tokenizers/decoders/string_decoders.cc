#include "tokenizers/decoders/string_decoders.h"

#include "absl/strings/str_join.h"
#include "common/status_macros.h"

namespace tokenforge {

absl::Status FuseDecoder::DecodeChain(std::vector<std::string>* tokens) const {
  std::string fused = absl::StrJoin(*tokens, "");
  tokens->assign(1, std::move(fused));
  return absl::OkStatus();
}

nlohmann::json FuseDecoder::ToJson() const {
  return nlohmann::json{{"type", "Fuse"}};
}

absl::Status StripDecoder::DecodeChain(std::vector<std::string>* tokens) const {
  const size_t n = content_.size();
  for (std::string& token : *tokens) {
    // Leading copies first; the trailing ones are looked for only in what
    // remains, so a token made only of `content` is not cut twice.
    size_t begin = 0;
    for (size_t k = 0; k < start_ && begin + n <= token.size() &&
                       token.compare(begin, n, content_) == 0;
         ++k) {
      begin += n;
    }
    size_t end = token.size();
    for (size_t k = 0; k < stop_ && end >= begin + n &&
                       token.compare(end - n, n, content_) == 0;
         ++k) {
      end -= n;
    }
    token = token.substr(begin, end - begin);
  }
  return absl::OkStatus();
}

nlohmann::json StripDecoder::ToJson() const {
  return nlohmann::json{
      {"type", "Strip"}, {"content", content_}, {"start", start_}, {"stop", stop_}};
}

absl::Status ReplaceDecoder::DecodeChain(std::vector<std::string>* tokens) const {
  for (std::string& token : *tokens) token = pattern_.ReplaceAll(token);
  return absl::OkStatus();
}

nlohmann::json ReplaceDecoder::ToJson() const {
  return nlohmann::json{{"type", "Replace"},
                        {"pattern", pattern_.PatternJson()},
                        {"content", pattern_.content()}};
}

absl::Status SequenceDecoder::DecodeChain(std::vector<std::string>* tokens) const {
  for (const std::unique_ptr<Decoder>& step : steps_) {
    TF_RETURN_IF_ERROR(step->DecodeChain(tokens));
  }
  return absl::OkStatus();
}

nlohmann::json SequenceDecoder::ToJson() const {
  nlohmann::json steps = nlohmann::json::array();
  for (const std::unique_ptr<Decoder>& step : steps_) steps.push_back(step->ToJson());
  return nlohmann::json{{"type", "Sequence"}, {"decoders", steps}};
}

}  // namespace tokenforge
