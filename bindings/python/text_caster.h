// bindings/python/text_caster.h
//
// Text arguments: a pybind11 type caster for absl::string_view (our Abseil's
// string_view is not std::string_view, STYLE.md Part 3) that accepts `str`
// (viewed as its UTF-8 encoding, no copy) and `bytes` (viewed as is), and
// nothing else. pybind11's own string_view caster also takes `bytearray`,
// whose buffer another thread may resize while we run with the GIL
// released; immutable objects are safe to view for the whole call.
//
// A `str` that cannot be encoded as UTF-8 (a lone surrogate) raises
// UnicodeEncodeError.
//
// LoadText() is the same conversion for code that walks Python sequences
// itself (the batch calls).

#ifndef TOKENFORGE_BINDINGS_PYTHON_TEXT_CASTER_H_
#define TOKENFORGE_BINDINGS_PYTHON_TEXT_CASTER_H_

#include <pybind11/pybind11.h>

#include "absl/strings/string_view.h"

namespace tokenforge {
namespace python {

// Sets *text to the UTF-8 bytes of a str or the bytes of a bytes object and
// returns true; returns false for any other type. The view lives as long as
// `object` does. Throws error_already_set for a str with lone surrogates.
inline bool LoadText(pybind11::handle object, absl::string_view* text) {
  PyObject* const o = object.ptr();
  if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(o, &size);
    if (data == nullptr) throw pybind11::error_already_set();
    *text = absl::string_view(data, static_cast<size_t>(size));
    return true;
  }
  if (PyBytes_Check(o)) {
    *text = absl::string_view(PyBytes_AS_STRING(o),
                              static_cast<size_t>(PyBytes_GET_SIZE(o)));
    return true;
  }
  return false;
}

}  // namespace python
}  // namespace tokenforge

namespace pybind11 {
namespace detail {

template <>
struct type_caster<absl::string_view> {
  PYBIND11_TYPE_CASTER(absl::string_view, const_name("str | bytes"));

  bool load(handle source, bool /*convert*/) {
    return ::tokenforge::python::LoadText(source, &value);
  }

  // Returned views become str; invalid UTF-8 is replaced by U+FFFD.
  static handle cast(absl::string_view text, return_value_policy /*policy*/,
                     handle /*parent*/) {
    PyObject* const s = PyUnicode_DecodeUTF8(
        text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
    if (s == nullptr) throw error_already_set();
    return s;
  }
};

}  // namespace detail
}  // namespace pybind11

#endif  // TOKENFORGE_BINDINGS_PYTHON_TEXT_CASTER_H_
