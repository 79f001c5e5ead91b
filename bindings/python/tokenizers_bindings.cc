// bindings/python/tokenizers_bindings.cc
//
// tokenforge.Tokenizer and tokenforge.Encoding: the tokenizers/ facade
// (tokenizers/tokenizer.h) and its loaders, for Python.
//
//   tok = tokenforge.Tokenizer.from_file("cl100k_base.tiktoken")
//   tok.encode_ids("Hello world")            # [9906, 1917]
//   e = tok.encode("Hello world")
//   e.tokens, e.offsets                      # ['Hello', 'Ġworld'], [(0, 5), (5, 11)]
//   tok.decode(e.ids)                        # 'Hello world'
//
// Every call that runs the tokenizer releases the GIL, so Python threads
// encode in parallel (the Tokenizer is immutable). Texts are viewed, not
// copied: single texts are kept alive by the call's arguments, and batch
// texts by a tuple holding a reference to each (TextBatch), so another
// thread changing the caller's list cannot free them under us.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "bindings/python/bindings.h"
#include "bindings/python/status.h"
#include "bindings/python/text_caster.h"
#include "nlohmann/json.hpp"
#include "tokenizers/encoding.h"
#include "tokenizers/io/loaders.h"
#include "tokenizers/io/tokenizer_json.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {
namespace python {
namespace {

namespace py = pybind11;
using TokenizerPtr = std::shared_ptr<Tokenizer>;

// An Encoding and the tokenizer that made it, so that token strings are
// looked up only when `tokens` is read.
struct PyEncoding {
  Encoding encoding;
  TokenizerPtr tokenizer;
};

std::vector<PyEncoding> Wrap(std::vector<Encoding> encodings,
                             const TokenizerPtr& tokenizer) {
  std::vector<PyEncoding> out;
  out.reserve(encodings.size());
  for (Encoding& e : encodings) out.push_back({std::move(e), tokenizer});
  return out;
}

// Returns a str from UTF-8, replacing invalid bytes with U+FFFD (as HF
// tokenizers and tiktoken's decode() do).
py::str Utf8ToStr(absl::string_view text) {
  return py::reinterpret_steal<py::str>(
      py::detail::make_caster<absl::string_view>::cast(
          text, py::return_value_policy::move, py::handle()));
}

// Returns os.fspath(path) as a std::string (str, bytes or os.PathLike).
std::string FsPath(const py::object& path) {
  py::object s = py::module_::import("os").attr("fspath")(path);
  return s.cast<std::string>();
}

// The texts of a batch call (see the file comment).
class TextBatch {
 public:
  explicit TextBatch(const py::object& texts) {
    if (PyUnicode_Check(texts.ptr()) || PyBytes_Check(texts.ptr())) {
      throw py::type_error(
          "texts must be a sequence of str or bytes, not a single str or bytes");
    }
    items_ = py::tuple(texts);
    views_.resize(items_.size());
    for (size_t i = 0; i < items_.size(); ++i) {
      if (!LoadText(items_[i], &views_[i])) {
        throw py::type_error(absl::StrCat("texts[", i, "]: expected str or bytes, got ",
                                          Py_TYPE(items_[i].ptr())->tp_name));
      }
    }
  }

  absl::Span<const absl::string_view> views() const { return views_; }

 private:
  py::tuple items_;
  std::vector<absl::string_view> views_;
};

// Returns Python ints as TokenIds. An int outside int32 cannot be in any
// vocabulary: ValueError, like Decode's kOutOfRange.
std::vector<TokenId> ToTokenIds(const std::vector<int64_t>& ids) {
  std::vector<TokenId> out(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < std::numeric_limits<TokenId>::min() ||
        ids[i] > std::numeric_limits<TokenId>::max()) {
      throw StatusError(absl::OutOfRangeError(
          absl::StrCat("token id ", ids[i], " is outside the vocabulary")));
    }
    out[i] = static_cast<TokenId>(ids[i]);
  }
  return out;
}

EncodeOptions MakeEncodeOptions(bool add_special_tokens, bool allow_special,
                                bool with_offsets = true) {
  EncodeOptions options;
  options.add_special_tokens = add_special_tokens;
  options.allow_special = allow_special;
  options.with_offsets = with_offsets;
  return options;
}

TokenizerPtr FromJsonStr(absl::string_view text) {
  nlohmann::json json =
      nlohmann::json::parse(text.begin(), text.end(), nullptr,
                            /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    // Parse again with exceptions only for the position in the message.
    std::string where = "invalid JSON";
    try {
      const nlohmann::json unused = nlohmann::json::parse(text.begin(), text.end());
      (void)unused;
    } catch (const nlohmann::json::exception& e) {
      where = e.what();
    }
    throw StatusError(absl::InvalidArgumentError(where));
  }
  return ValueOrThrow(TokenizerFromJson(json));
}

std::string ToJsonStr(const Tokenizer& tokenizer) {
  try {
    // The same text SaveTokenizerJson writes, without the final newline.
    return TokenizerToJson(tokenizer).dump(
        2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception& e) {
    throw StatusError(absl::InvalidArgumentError(e.what()));
  }
}

std::string Decode(const Tokenizer& tokenizer, const std::vector<int64_t>& ids,
                   bool skip_special_tokens) {
  const std::vector<TokenId> token_ids = ToTokenIds(ids);
  py::gil_scoped_release release;
  return ValueOrThrow(tokenizer.Decode(token_ids, skip_special_tokens));
}

// Returns the pre-tokenized words of `text`, as str for a str and as bytes
// for bytes.
py::list PreTokenize(const Tokenizer& tokenizer, const py::object& text) {
  absl::string_view view;
  if (!LoadText(text, &view)) throw py::type_error("text must be str or bytes");
  std::vector<std::string> words;
  {
    py::gil_scoped_release release;
    ThrowIfError(tokenizer.PreTokenize(view, &words));
  }
  const bool as_bytes = PyBytes_Check(text.ptr());
  py::list out;
  for (const std::string& w : words) {
    if (as_bytes) {
      out.append(py::bytes(w));
    } else {
      out.append(Utf8ToStr(w));
    }
  }
  return out;
}

void DefineEncoding(py::module_& m) {
  py::class_<PyEncoding>(m, "Encoding", R"doc(
The result of encoding one text. All lists have one entry per token.

offsets are (begin, end) UTF-8 *byte* offsets into the text as given (for a
str, into text.encode("utf-8")), half-open. word_ids gives the index of the
pre-tokenized word of each token, None for special tokens and padding.
)doc")
      .def_property_readonly(
          "ids", [](const PyEncoding& e) { return e.encoding.ids; },
          "Token ids (list[int]).")
      .def_property_readonly(
          "tokens",
          [](const PyEncoding& e) {
            py::list out;
            for (TokenId id : e.encoding.ids) {
              out.append(Utf8ToStr(ValueOrThrow(e.tokenizer->IdToToken(id))));
            }
            return out;
          },
          "Token strings in the vocabulary's form (list[str]).")
      .def_property_readonly(
          "offsets",
          [](const PyEncoding& e) {
            py::list out;
            for (const ByteSpan& s : e.encoding.offsets) {
              out.append(py::make_tuple(s.begin, s.end));
            }
            return out;
          },
          "(begin, end) UTF-8 byte offsets into the input (list[tuple[int, int]]).")
      .def_property_readonly(
          "word_ids",
          [](const PyEncoding& e) {
            py::list out;
            for (int32_t w : e.encoding.word_ids) {
              out.append(w < 0 ? py::object(py::none()) : py::object(py::int_(w)));
            }
            return out;
          },
          "Word index of each token; None for special tokens and padding.")
      .def_property_readonly(
          "type_ids", [](const PyEncoding& e) { return e.encoding.type_ids; },
          "Sequence (segment) ids: 0 for the first text, 1 for the pair.")
      .def_property_readonly(
          "attention_mask",
          [](const PyEncoding& e) { return e.encoding.attention_mask; },
          "1 for tokens, 0 for padding.")
      .def_property_readonly(
          "special_tokens_mask",
          [](const PyEncoding& e) { return e.encoding.special_tokens_mask; },
          "1 for special tokens, 0 otherwise.")
      .def_property_readonly(
          "overflowing",
          [](const PyEncoding& e) {
            std::vector<Encoding> copies = e.encoding.overflowing;
            return Wrap(std::move(copies), e.tokenizer);
          },
          "Pieces cut off by truncation (list[Encoding]).")
      .def("__len__", [](const PyEncoding& e) { return e.encoding.size(); })
      .def("__repr__", [](const PyEncoding& e) {
        return absl::StrCat("Encoding(num_tokens=", e.encoding.size(), ")");
      });
}

void DefineLoading(py::class_<Tokenizer, TokenizerPtr>& c) {
  c.def_static(
       "from_file",
       [](const py::object& path, std::optional<std::string> encoding,
          const py::object& merges, std::optional<bool> lowercase) {
         const std::string file = FsPath(path);
         LoadOptions options;
         options.encoding = encoding.value_or("");
         if (!merges.is_none()) options.merges = FsPath(merges);
         options.lowercase = lowercase;
         py::gil_scoped_release release;
         return TokenizerPtr(ValueOrThrow(LoadTokenizer(file, options)));
       },
       py::arg("path"), py::arg("encoding") = py::none(),
       py::arg("merges") = py::none(), py::arg("lowercase") = py::none(),
       R"doc(
Loads a tokenizer file, its format chosen by name and contents: HF
tokenizer.json, GPT-2 vocab.json (+ merges.txt beside it, or `merges`),
tiktoken *.tiktoken (`encoding` names the encoding, e.g. "cl100k_base";
default: from the file name), SentencePiece *.model, or a WordPiece
vocab.txt (`lowercase`: BERT uncased; default: guessed from the vocabulary).
Raises FileNotFoundError or ValueError.)doc")
      .def_static("from_json_str", &FromJsonStr, py::arg("json"),
                  py::call_guard<py::gil_scoped_release>(),
                  "Builds a tokenizer from tokenizer.json text (str or bytes).")
      .def("to_json_str", &ToJsonStr, py::call_guard<py::gil_scoped_release>(),
           "Returns the HF tokenizer.json text of this tokenizer.")
      .def(
          "save",
          [](const Tokenizer& t, const py::object& path) {
            const std::string file = FsPath(path);
            py::gil_scoped_release release;
            ThrowIfError(SaveTokenizerJson(t, file));
          },
          py::arg("path"), "Writes tokenizer.json to `path`, atomically.")
      .def(py::pickle([](const Tokenizer& t) { return ToJsonStr(t); },
                      [](const std::string& json) { return FromJsonStr(json); }));
}

void DefineEncode(py::class_<Tokenizer, TokenizerPtr>& c) {
  c.def(
       "encode",
       [](const TokenizerPtr& self, absl::string_view text, bool add_special_tokens,
          bool allow_special, std::optional<absl::string_view> pair) {
         const EncodeOptions options = MakeEncodeOptions(add_special_tokens, allow_special);
         Encoding e = ValueOrThrow(pair.has_value()
                                       ? self->EncodePair(text, *pair, options)
                                       : self->Encode(text, options));
         return PyEncoding{std::move(e), self};
       },
       py::arg("text"), py::arg("add_special_tokens") = false,
       py::arg("allow_special") = false, py::kw_only(), py::arg("pair") = py::none(),
       py::call_guard<py::gil_scoped_release>(),
       R"doc(
Encodes `text` (str or bytes) into an Encoding. add_special_tokens runs the
post-processor (BOS/EOS, [CLS]/[SEP]); allow_special matches special tokens
in the text (otherwise their text is encoded as plain text, as tiktoken
does). `pair` encodes a second text with the pair template.)doc")
      .def(
          "encode_ids",
          [](const Tokenizer& t, absl::string_view text, bool add_special_tokens,
             bool allow_special) {
            std::vector<TokenId> ids;
            ThrowIfError(t.EncodeIds(
                text, MakeEncodeOptions(add_special_tokens, allow_special, false),
                &ids));
            return ids;
          },
          py::arg("text"), py::arg("add_special_tokens") = false,
          py::arg("allow_special") = false, py::call_guard<py::gil_scoped_release>(),
          "Encodes `text` into token ids (list[int]): the fast path.")
      .def(
          "encode_batch",
          [](const TokenizerPtr& self, const py::object& texts, int num_threads,
             bool add_special_tokens, bool allow_special) {
            const TextBatch batch(texts);
            std::vector<Encoding> encodings;
            {
              py::gil_scoped_release release;
              encodings = ValueOrThrow(self->EncodeBatch(
                  batch.views(), MakeEncodeOptions(add_special_tokens, allow_special),
                  num_threads));
            }
            return Wrap(std::move(encodings), self);
          },
          py::arg("texts"), py::arg("num_threads") = 0,
          py::arg("add_special_tokens") = false, py::arg("allow_special") = false,
          R"doc(
Encodes a sequence of texts in parallel (num_threads=0: all cores). The
result does not depend on num_threads.)doc")
      .def(
          "encode_ids_batch",
          [](const Tokenizer& t, const py::object& texts, int num_threads,
             bool add_special_tokens, bool allow_special) {
            const TextBatch batch(texts);
            py::gil_scoped_release release;
            return ValueOrThrow(t.EncodeIdsBatch(
                batch.views(),
                MakeEncodeOptions(add_special_tokens, allow_special, false),
                num_threads));
          },
          py::arg("texts"), py::arg("num_threads") = 0,
          py::arg("add_special_tokens") = false, py::arg("allow_special") = false,
          "Encodes a sequence of texts in parallel into lists of ids.");
}

void DefineDecode(py::class_<Tokenizer, TokenizerPtr>& c) {
  c.def(
       "decode",
       [](const Tokenizer& t, const std::vector<int64_t>& ids,
          bool skip_special_tokens) {
         return Utf8ToStr(Decode(t, ids, skip_special_tokens));
       },
       py::arg("ids"), py::arg("skip_special_tokens") = false,
       R"doc(
Decodes ids to str; bytes that are not valid UTF-8 (a token sequence cut
inside a character) become U+FFFD. Raises ValueError for an id outside the
vocabulary.)doc")
      .def(
          "decode_bytes",
          [](const Tokenizer& t, const std::vector<int64_t>& ids,
             bool skip_special_tokens) {
            return py::bytes(Decode(t, ids, skip_special_tokens));
          },
          py::arg("ids"), py::arg("skip_special_tokens") = false,
          "Decodes ids to bytes, losslessly.")
      .def("pre_tokenize", &PreTokenize, py::arg("text"),
           "Returns the normalized, pre-tokenized words of `text` (str for a "
           "str, bytes for bytes); added tokens are dropped.")
      .def(
          "id_to_token",
          [](const Tokenizer& t, int64_t id) -> py::object {
            if (id < 0 || id >= t.vocab_size()) return py::none();
            absl::StatusOr<std::string> token = t.IdToToken(static_cast<TokenId>(id));
            if (!token.ok()) return py::none();
            return Utf8ToStr(*token);
          },
          py::arg("id"), "Returns the token string of `id`, or None.")
      .def(
          "token_to_id",
          [](const Tokenizer& t, absl::string_view token) { return t.TokenToId(token); },
          py::arg("token"), "Returns the id of a token string, or None.")
      .def_property_readonly("vocab_size", &Tokenizer::vocab_size,
                             "Vocabulary size, added tokens included.")
      .def("__repr__", [](const Tokenizer& t) {
        return absl::StrCat("Tokenizer(vocab_size=", t.vocab_size(), ")");
      });
}

}  // namespace

void DefineTokenizers(py::module_& m) {
  DefineEncoding(m);
  py::class_<Tokenizer, TokenizerPtr> tokenizer(m, "Tokenizer", R"doc(
An immutable tokenizer: normalizer, pre-tokenizer, model, post-processor and
decoder, with added and special tokens. Build one with Tokenizer.from_file()
or Tokenizer.from_json_str(). Safe to share between threads; encode and
decode calls release the GIL.)doc");
  DefineLoading(tokenizer);
  DefineEncode(tokenizer);
  DefineDecode(tokenizer);
}

}  // namespace python
}  // namespace tokenforge
