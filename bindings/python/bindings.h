// bindings/python/bindings.h
//
// The per-area binding functions that module.cc calls, one .cc file each
// (STYLE.md 4.9). Each adds its classes and functions to the module.

#ifndef TOKENFORGE_BINDINGS_PYTHON_BINDINGS_H_
#define TOKENFORGE_BINDINGS_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace tokenforge {
namespace python {

// Tokenizer and Encoding (tokenizers_bindings.cc).
void DefineTokenizers(pybind11::module_& m);

}  // namespace python
}  // namespace tokenforge

#endif  // TOKENFORGE_BINDINGS_PYTHON_BINDINGS_H_
