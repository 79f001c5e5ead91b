// bindings/python/module.cc
//
// The `tokenforge` extension module: registers the Status translator
// (status.h) and the bindings of each area. The API is documented in
// docs/python.md and in the docstrings.

#include <pybind11/pybind11.h>

#include "bindings/python/bindings.h"
#include "bindings/python/status.h"

PYBIND11_MODULE(tokenforge, m) {
  m.doc() =
      "tokenforge: fast tokenizers compatible with HF tokenizers, tiktoken and "
      "SentencePiece files.\n\n"
      "Texts may be str (encoded as UTF-8) or bytes. Offsets are UTF-8 byte "
      "offsets into the text as given (for a str, into text.encode('utf-8')). "
      "Errors raise ValueError (bad input, id outside the vocabulary, corrupt "
      "file), FileNotFoundError (missing file) or RuntimeError.";
  m.attr("__version__") = TF_VERSION_STRING;
  tokenforge::python::RegisterStatusTranslator();
  tokenforge::python::DefineTokenizers(m);
}
