#include "tokenizers/normalizers/replace_normalizer.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "re2/re2.h"
#include "tokenizers/normalizers/oniguruma_regex.h"

namespace tokenforge {
namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Expands "$1", "${name}", "$name" and "$$" in `content` with the groups of
// one match, following Rust regex's Captures::expand (unknown or unmatched
// groups expand to "").
void Expand(const re2::RE2& regex, absl::string_view content,
            const std::vector<re2::StringPiece>& groups, std::string* out) {
  const std::map<std::string, int>& names = regex.NamedCapturingGroups();
  size_t i = 0;
  while (i < content.size()) {
    if (content[i] != '$' || i + 1 == content.size()) {
      out->push_back(content[i++]);
      continue;
    }
    if (content[i + 1] == '$') {
      out->push_back('$');
      i += 2;
      continue;
    }
    size_t name_begin = i + 1;
    size_t name_end;
    size_t next;
    if (content[name_begin] == '{') {
      name_end = content.find('}', name_begin);
      if (name_end == absl::string_view::npos) {
        out->push_back(content[i++]);
        continue;
      }
      ++name_begin;
      next = name_end + 1;
    } else {
      name_end = name_begin;
      while (name_end < content.size() && IsNameChar(content[name_end])) ++name_end;
      next = name_end;
    }
    if (name_end == name_begin) {
      out->push_back(content[i++]);
      continue;
    }
    const std::string name(content.substr(name_begin, name_end - name_begin));
    int index = -1;
    if (std::all_of(name.begin(), name.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      index = name.size() < 6 ? std::stoi(name) : -1;
    } else if (const auto it = names.find(name); it != names.end()) {
      index = it->second;
    }
    if (index >= 0 && static_cast<size_t>(index) < groups.size() &&
        groups[index].data() != nullptr) {
      out->append(groups[index].data(), groups[index].size());
    }
    i = next;
  }
}

}  // namespace

ReplacePattern::ReplacePattern(ReplacePattern&&) noexcept = default;
ReplacePattern& ReplacePattern::operator=(ReplacePattern&&) noexcept = default;
ReplacePattern::~ReplacePattern() = default;

absl::StatusOr<ReplacePattern> ReplacePattern::Create(absl::string_view pattern,
                                                      bool is_regex,
                                                      absl::string_view content) {
  ReplacePattern p;
  p.pattern_ = std::string(pattern);
  p.is_regex_ = is_regex;
  p.content_ = std::string(content);
  if (!is_regex) {
    if (pattern.empty()) {
      return absl::InvalidArgumentError("Replace: String pattern is empty");
    }
    return p;
  }
  TF_ASSIGN_OR_RETURN(const std::string translated,
                      TranslateOnigurumaToRe2(pattern));
  RE2::Options options;
  options.set_log_errors(false);
  p.regex_ = std::make_unique<re2::RE2>(translated, options);
  if (!p.regex_->ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Replace: Regex pattern '", pattern, "' does not compile: ",
        p.regex_->error()));
  }
  p.content_has_groups_ = content.find('$') != absl::string_view::npos;
  return p;
}

bool ReplacePattern::NextMatch(absl::string_view text, size_t pos,
                               ByteSpan* match,
                               std::string* replacement) const {
  if (regex_ == nullptr) {
    const size_t at = text.find(pattern_, pos);
    if (at == absl::string_view::npos) return false;
    *match = {static_cast<uint32_t>(at),
              static_cast<uint32_t>(at + pattern_.size())};
    *replacement = content_;
    return true;
  }
  const int num_groups = content_has_groups_ ? regex_->NumberOfCapturingGroups() + 1 : 1;
  std::vector<re2::StringPiece> groups(num_groups);
  const re2::StringPiece input(text.data(), text.size());
  if (!regex_->Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(),
                     num_groups)) {
    return false;
  }
  const auto begin = static_cast<uint32_t>(groups[0].data() - text.data());
  *match = {begin, begin + static_cast<uint32_t>(groups[0].size())};
  replacement->clear();
  if (content_has_groups_) {
    Expand(*regex_, content_, groups, replacement);
  } else {
    *replacement = content_;
  }
  return true;
}

std::string ReplacePattern::ReplaceAll(absl::string_view text) const {
  std::string out;
  size_t copied = 0;
  ForEachMatch(text, [&](ByteSpan m, const std::string& replacement) {
    out.append(text.data() + copied, m.begin - copied);
    out += replacement;
    copied = m.end;
  });
  out.append(text.data() + copied, text.size() - copied);
  return out;
}

nlohmann::json ReplacePattern::PatternJson() const {
  return nlohmann::json{{is_regex_ ? "Regex" : "String", pattern_}};
}

absl::Status ReplaceNormalizer::Normalize(NormalizedString* text) const {
  const absl::string_view s = text->normalized();
  NormalizedBuilder out(*text);
  uint32_t copied = 0;
  bool changed = false;
  pattern_.ForEachMatch(s, [&](ByteSpan m, const std::string& replacement) {
    out.Copy({copied, m.begin});
    out.Append(replacement, m);
    copied = m.end;
    changed = true;
  });
  if (!changed) return absl::OkStatus();
  out.Copy({copied, static_cast<uint32_t>(s.size())});
  text->Transform(std::move(out));
  return absl::OkStatus();
}

nlohmann::json ReplaceNormalizer::ToJson() const {
  return nlohmann::json{{"type", "Replace"},
                        {"pattern", pattern_.PatternJson()},
                        {"content", pattern_.content()}};
}

}  // namespace tokenforge
