#include "tokenizers/decoders/subword_decoders.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace tokenforge {

absl::Status MetaspaceDecoder::DecodeChain(
    std::vector<std::string>* tokens) const {
  for (size_t i = 0; i < tokens->size(); ++i) {
    const bool drop = i == 0 && prepend_scheme_ != PrependScheme::kNever;
    (*tokens)[i] = absl::StrReplaceAll((*tokens)[i],
                                       {{replacement_, drop ? "" : " "}});
  }
  return absl::OkStatus();
}

nlohmann::json MetaspaceDecoder::ToJson() const {
  return nlohmann::json{{"type", "Metaspace"},
                        {"replacement", replacement_},
                        {"prepend_scheme", std::string(PrependSchemeName(prepend_scheme_))},
                        {"split", split_}};
}

std::string WordPieceCleanup(std::string text) {
  // Sequential, in HF's order: each replacement sees the previous ones.
  static const std::pair<const char*, const char*> kFixes[] = {
      {" .", "."},   {" ?", "?"},     {" !", "!"},           {" ,", ","},
      {" ' ", "'"},  {" n't", "n't"}, {" 'm", "'m"},         {" do not", " don't"},
      {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
  for (const auto& [from, to] : kFixes) {
    if (text.find(from) != std::string::npos) {
      text = absl::StrReplaceAll(text, {{from, to}});
    }
  }
  return text;
}

absl::Status WordPieceDecoder::DecodeChain(
    std::vector<std::string>* tokens) const {
  for (size_t i = 0; i < tokens->size(); ++i) {
    std::string& token = (*tokens)[i];
    if (i != 0) {
      // HF calls replacen(prefix, "", 1) once the token starts with the
      // prefix, which removes exactly that leading occurrence.
      if (token.compare(0, prefix_.size(), prefix_) == 0) {
        token.erase(0, prefix_.size());
      } else {
        token.insert(0, 1, ' ');
      }
    }
    if (cleanup_) token = WordPieceCleanup(std::move(token));
  }
  return absl::OkStatus();
}

nlohmann::json WordPieceDecoder::ToJson() const {
  return nlohmann::json{
      {"type", "WordPiece"}, {"prefix", prefix_}, {"cleanup", cleanup_}};
}

absl::Status BpeDecoder::DecodeChain(std::vector<std::string>* tokens) const {
  if (suffix_.empty()) return absl::OkStatus();
  for (size_t i = 0; i < tokens->size(); ++i) {
    const bool last = i + 1 == tokens->size();
    (*tokens)[i] = absl::StrReplaceAll((*tokens)[i], {{suffix_, last ? "" : " "}});
  }
  return absl::OkStatus();
}

nlohmann::json BpeDecoder::ToJson() const {
  return nlohmann::json{{"type", "BPEDecoder"}, {"suffix", suffix_}};
}

absl::Status CtcDecoder::DecodeChain(std::vector<std::string>* tokens) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens->size(); ++i) {
    if (i > 0 && (*tokens)[i] == (*tokens)[i - 1]) continue;  // Repeats.
    std::string token = pad_token_.empty()
                            ? (*tokens)[i]
                            : absl::StrReplaceAll((*tokens)[i], {{pad_token_, ""}});
    if (cleanup_) {
      token = WordPieceCleanup(std::move(token));
      if (!word_delimiter_token_.empty()) {
        token = absl::StrReplaceAll(token, {{word_delimiter_token_, " "}});
      }
    }
    if (!token.empty()) out.push_back(std::move(token));
  }
  *tokens = std::move(out);
  return absl::OkStatus();
}

nlohmann::json CtcDecoder::ToJson() const {
  return nlohmann::json{{"type", "CTC"},
                        {"pad_token", pad_token_},
                        {"word_delimiter_token", word_delimiter_token_},
                        {"cleanup", cleanup_}};
}

}  // namespace tokenforge
