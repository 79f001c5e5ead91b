// tests/testing/backtracking_regex.cc
//
// A recursive-descent parser into a small tree, and a continuation-passing
// backtracking matcher over decoded code points: Match(node, i, k) succeeds
// if `node` matches at i and the continuation k accepts the end position;
// returning false from k makes the node try its next alternative, which is
// exactly how a backtracking engine explores leftmost-first.

#include "tests/testing/backtracking_regex.h"

#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "unicode/uchar.h"

namespace tokenforge::testing {

struct ClassItem {
  enum Type { kRange, kCategories, kSpace, kNotSpace } type = kRange;
  char32_t lo = 0;
  char32_t hi = 0;
  uint32_t categories = 0;  // ICU U_GC_*_MASK bits.
};

struct BacktrackingRegex::Node {
  enum Kind { kAlt, kSeq, kRepeat, kChar, kClass, kNegLookahead, kEnd };
  Kind kind = kSeq;
  std::vector<std::unique_ptr<Node>> kids;
  int min = 0;
  int max = -1;  // -1: unbounded.
  bool possessive = false;
  char32_t ch = 0;
  bool ignore_case = false;
  bool negated = false;
  std::vector<ClassItem> items;
};

namespace {

using Node = BacktrackingRegex::Node;
using Cont = absl::FunctionRef<bool(size_t)>;

std::unique_ptr<Node> MakeNode(Node::Kind kind) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  return node;
}

bool IsSpace(char32_t c) {
  return c != kInvalidCodePoint &&
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE);
}

char32_t Fold(char32_t c) {
  if (c == kInvalidCodePoint) return c;
  return static_cast<char32_t>(
      u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

bool ItemContains(const ClassItem& item, char32_t c, bool ignore_case) {
  // A byte that is not UTF-8 is only in \S (and in negated classes).
  if (c == kInvalidCodePoint) return item.type == ClassItem::kNotSpace;
  switch (item.type) {
    case ClassItem::kCategories:
      return (U_GET_GC_MASK(static_cast<UChar32>(c)) & item.categories) != 0;
    case ClassItem::kSpace:
      return IsSpace(c);
    case ClassItem::kNotSpace:
      return !IsSpace(c);
    case ClassItem::kRange:
      if (c >= item.lo && c <= item.hi) return true;
      if (!ignore_case) return false;
      for (char32_t x = item.lo; x <= item.hi && x - item.lo < 512; ++x) {
        if (Fold(x) == Fold(c)) return true;
      }
      return false;
  }
  return false;
}

bool ClassContains(const Node& node, char32_t c) {
  bool in = false;
  for (const ClassItem& item : node.items) {
    if (ItemContains(item, c, node.ignore_case)) {
      in = true;
      break;
    }
  }
  return in != node.negated;
}

// The parser. Errors are reported through status_.
class Parser {
 public:
  explicit Parser(absl::string_view p) : p_(p) {}

  absl::StatusOr<std::unique_ptr<Node>> Parse() {
    auto root = ParseAlt(false);
    if (status_.ok() && i_ != p_.size()) Fail("unbalanced ')'");
    if (!status_.ok()) return status_;
    return root;
  }

 private:
  void Fail(absl::string_view what) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat("backtracking regex: ", what, " at offset ", i_));
    }
  }
  bool AtEnd() const { return i_ >= p_.size() || !status_.ok(); }
  char Peek() const { return p_[i_]; }
  bool Eat(absl::string_view s) {
    if (p_.substr(i_, s.size()) != s) return false;
    i_ += s.size();
    return true;
  }

  std::unique_ptr<Node> ParseAlt(bool ignore_case) {
    auto alt = MakeNode(Node::kAlt);
    alt->kids.push_back(ParseSeq(ignore_case));
    while (!AtEnd() && Peek() == '|') {
      ++i_;
      alt->kids.push_back(ParseSeq(ignore_case));
    }
    return alt;
  }

  std::unique_ptr<Node> ParseSeq(bool ignore_case) {
    auto seq = MakeNode(Node::kSeq);
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      seq->kids.push_back(ParseQuantified(ignore_case));
    }
    return seq;
  }

  std::unique_ptr<Node> ParseQuantified(bool ignore_case) {
    std::unique_ptr<Node> atom = ParseAtom(ignore_case);
    while (!AtEnd()) {
      int min, max;
      if (Eat("?")) {
        min = 0, max = 1;
      } else if (Eat("*")) {
        min = 0, max = -1;
      } else if (Eat("+")) {
        min = 1, max = -1;
      } else if (Peek() == '{') {
        ++i_;
        min = ParseInt();
        max = Eat(",") ? ParseInt() : min;
        if (!Eat("}")) Fail("bad {m,n}");
      } else {
        break;
      }
      auto rep = MakeNode(Node::kRepeat);
      rep->min = min;
      rep->max = max;
      if (Eat("+")) rep->possessive = true;
      if (!AtEnd() && Peek() == '?') Fail("lazy quantifiers are unsupported");
      rep->kids.push_back(std::move(atom));
      atom = std::move(rep);
    }
    return atom;
  }

  int ParseInt() {
    int v = 0;
    if (AtEnd() || !isdigit(static_cast<unsigned char>(Peek()))) Fail("digit");
    while (!AtEnd() && isdigit(static_cast<unsigned char>(Peek()))) {
      v = v * 10 + (p_[i_++] - '0');
    }
    return v;
  }

  std::unique_ptr<Node> ParseAtom(bool ignore_case) {
    if (Eat("(")) {
      std::unique_ptr<Node> inner;
      if (Eat("?:")) {
        inner = ParseAlt(ignore_case);
      } else if (Eat("?i:")) {
        inner = ParseAlt(true);
      } else if (Eat("?!")) {
        inner = MakeNode(Node::kNegLookahead);
        inner->kids.push_back(ParseAlt(ignore_case));
      } else if (!AtEnd() && Peek() == '?') {
        Fail("unsupported group");
      } else {
        inner = ParseAlt(ignore_case);
      }
      if (!Eat(")")) Fail("missing ')'");
      return inner;
    }
    if (Eat("$")) return MakeNode(Node::kEnd);
    if (Eat("[")) return ParseClass(ignore_case);
    if (!AtEnd() && (Peek() == '.' || Peek() == '^')) Fail("unsupported atom");
    auto node = MakeNode(Node::kClass);
    node->ignore_case = ignore_case;
    ParseClassAtom(node.get());
    if (node->items.size() == 1 && node->items[0].type == ClassItem::kRange &&
        node->items[0].lo == node->items[0].hi) {
      const char32_t c = node->items[0].lo;
      node = MakeNode(Node::kChar);
      node->ch = c;
      node->ignore_case = ignore_case;
    }
    return node;
  }

  std::unique_ptr<Node> ParseClass(bool ignore_case) {
    auto node = MakeNode(Node::kClass);
    node->ignore_case = ignore_case;
    if (Eat("^")) node->negated = true;
    while (!AtEnd() && Peek() != ']') {
      ParseClassAtom(node.get());
      ClassItem& last = node->items.back();
      if (last.type == ClassItem::kRange && !AtEnd() && Peek() == '-' &&
          i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        ++i_;
        ParseClassAtom(node.get());
        const ClassItem hi = node->items.back();
        node->items.pop_back();
        node->items.back().hi = hi.hi;
      }
    }
    if (!Eat("]")) Fail("missing ']'");
    return node;
  }

  // Appends one literal, escape or property to node->items.
  void ParseClassAtom(Node* node) {
    if (AtEnd()) return Fail("unexpected end");
    ClassItem item;
    if (Eat("\\")) {
      if (AtEnd()) return Fail("trailing backslash");
      const char e = p_[i_++];
      if (e == 'r' || e == 'n' || e == 't') {
        item.lo = item.hi = e == 'r' ? '\r' : e == 'n' ? '\n' : '\t';
      } else if (e == 's' || e == 'S') {
        item.type = e == 's' ? ClassItem::kSpace : ClassItem::kNotSpace;
      } else if (e == 'p') {
        item.type = ClassItem::kCategories;
        item.categories = ParseProperty();
      } else if (isalnum(static_cast<unsigned char>(e))) {
        return Fail(absl::StrCat("unsupported escape \\", std::string(1, e)));
      } else {
        item.lo = item.hi = static_cast<unsigned char>(e);
      }
    } else {
      const DecodedChar d = DecodeUtf8(p_, i_);
      i_ += d.length;
      item.lo = item.hi = d.code_point;
    }
    node->items.push_back(item);
  }

  uint32_t ParseProperty() {
    if (!Eat("{")) {
      Fail("\\p needs {name}");
      return 0;
    }
    const size_t close = p_.find('}', i_);
    if (close == absl::string_view::npos) {
      Fail("unterminated \\p{");
      return 0;
    }
    const absl::string_view name = p_.substr(i_, close - i_);
    i_ = close + 1;
    static const std::pair<absl::string_view, uint32_t> kNames[] = {
        {"L", U_GC_L_MASK},   {"Lu", U_GC_LU_MASK}, {"Ll", U_GC_LL_MASK},
        {"Lt", U_GC_LT_MASK}, {"Lm", U_GC_LM_MASK}, {"Lo", U_GC_LO_MASK},
        {"M", U_GC_M_MASK},   {"Mn", U_GC_MN_MASK}, {"Mc", U_GC_MC_MASK},
        {"Me", U_GC_ME_MASK}, {"N", U_GC_N_MASK},   {"Nd", U_GC_ND_MASK},
        {"Nl", U_GC_NL_MASK}, {"No", U_GC_NO_MASK}, {"P", U_GC_P_MASK},
        {"S", U_GC_S_MASK},   {"Z", U_GC_Z_MASK},   {"C", U_GC_C_MASK},
    };
    for (const auto& [n, mask] : kNames) {
      if (n == name) return mask;
    }
    Fail(absl::StrCat("unknown property ", name));
    return 0;
  }

  absl::string_view p_;
  size_t i_ = 0;
  absl::Status status_;
};

// The matcher over one text.
class Matcher {
 public:
  explicit Matcher(std::vector<char32_t> cps) : cps_(std::move(cps)) {}

  bool Match(const Node& node, size_t i, Cont k) const {
    const size_t n = cps_.size();
    switch (node.kind) {
      case Node::kChar:
        return i < n && CharEquals(node, cps_[i]) && k(i + 1);
      case Node::kClass:
        return i < n && ClassContains(node, cps_[i]) && k(i + 1);
      case Node::kEnd:
        return i == n && k(i);
      case Node::kNegLookahead:
        return !Match(*node.kids[0], i, [](size_t) { return true; }) && k(i);
      case Node::kSeq:
        return MatchSeq(node, 0, i, k);
      case Node::kAlt:
        for (const auto& kid : node.kids) {
          if (Match(*kid, i, k)) return true;
        }
        return false;
      case Node::kRepeat:
        return node.possessive ? MatchPossessive(node, i, k)
                               : MatchGreedy(node, 0, i, k);
    }
    return false;
  }

 private:
  static bool CharEquals(const Node& node, char32_t c) {
    if (c == kInvalidCodePoint) return false;
    if (c == node.ch) return true;
    return node.ignore_case && Fold(c) == Fold(node.ch);
  }

  bool MatchSeq(const Node& node, size_t idx, size_t i, Cont k) const {
    if (idx == node.kids.size()) return k(i);
    return Match(*node.kids[idx], i,
                 [&](size_t j) { return MatchSeq(node, idx + 1, j, k); });
  }

  bool MatchGreedy(const Node& node, int count, size_t i, Cont k) const {
    if (node.max < 0 || count < node.max) {
      const bool ok = Match(*node.kids[0], i, [&](size_t j) {
        return j != i && MatchGreedy(node, count + 1, j, k);
      });
      if (ok) return true;
    }
    return count >= node.min && k(i);
  }

  // An atomic greedy repeat: take the first way the child matches, as often
  // as possible, and never give any back.
  bool MatchPossessive(const Node& node, size_t i, Cont k) const {
    int count = 0;
    while (node.max < 0 || count < node.max) {
      size_t next = i;
      if (!Match(*node.kids[0], i,
                 [&](size_t j) {
                   next = j;
                   return true;
                 }) ||
          next == i) {
        break;
      }
      i = next;
      ++count;
    }
    return count >= node.min && k(i);
  }

  std::vector<char32_t> cps_;
};

}  // namespace

BacktrackingRegex::BacktrackingRegex(std::unique_ptr<Node> root)
    : root_(std::move(root)) {}
BacktrackingRegex::BacktrackingRegex(BacktrackingRegex&&) noexcept = default;
BacktrackingRegex& BacktrackingRegex::operator=(BacktrackingRegex&&) noexcept =
    default;
BacktrackingRegex::~BacktrackingRegex() = default;

absl::StatusOr<BacktrackingRegex> BacktrackingRegex::Compile(
    absl::string_view pattern) {
  Parser parser(pattern);
  auto root = parser.Parse();
  if (!root.ok()) return root.status();
  return BacktrackingRegex(std::move(*root));
}

std::vector<ByteSpan> BacktrackingRegex::FindAll(absl::string_view text) const {
  std::vector<char32_t> cps;
  std::vector<uint32_t> offsets;  // Byte offset of each code point, then end.
  for (size_t pos = 0; pos < text.size();) {
    const DecodedChar d = DecodeUtf8(text, pos);
    cps.push_back(d.code_point);
    offsets.push_back(static_cast<uint32_t>(pos));
    pos += d.length;
  }
  offsets.push_back(static_cast<uint32_t>(text.size()));
  const Matcher matcher(std::move(cps));
  std::vector<ByteSpan> matches;
  const size_t n = offsets.size() - 1;
  for (size_t i = 0; i < n;) {
    size_t end = 0;
    const bool ok = matcher.Match(*root_, i, [&](size_t j) {
      end = j;
      return true;
    });
    if (ok) matches.push_back({offsets[i], offsets[end]});
    i = ok && end > i ? end : i + 1;
  }
  return matches;
}

}  // namespace tokenforge::testing
