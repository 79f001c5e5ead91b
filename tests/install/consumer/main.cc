// Encodes a string with a byte-level BPE built in code and checks the ids:
// proves the installed headers and libraries are complete.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "tokenizers/models/bpe_model.h"
#include "tokenizers/tokenizer.h"

int main() {
  std::vector<std::pair<std::string, tokenforge::TokenId>> ranks;
  for (int b = 0; b < 256; ++b) ranks.emplace_back(std::string(1, static_cast<char>(b)), b);
  ranks.emplace_back("hi", 256);
  tokenforge::Tokenizer::Parts parts;
  parts.model = *tokenforge::BpeModel::FromRanks(ranks);
  auto tokenizer = tokenforge::Tokenizer::Create(std::move(parts));
  if (!tokenizer.ok()) return 1;
  auto encoding = (*tokenizer)->Encode("hi!");
  if (!encoding.ok() || encoding->ids != std::vector<tokenforge::TokenId>{256, '!'}) {
    std::fprintf(stderr, "unexpected encoding\n");
    return 1;
  }
  std::printf("consumer ok\n");
  return 0;
}
