// bindings/python/status.h
//
// The one place where an absl::Status becomes a Python exception (STYLE.md
// 4.4, Snippet 3). Binding code unwraps results with ValueOrThrow() or
// ThrowIfError(); both throw StatusError, and the translator registered by
// RegisterStatusTranslator() turns it into the Python exception that fits
// the code:
//
//   kInvalidArgument, kOutOfRange,
//   kDataLoss, kResourceExhausted     ValueError
//   kNotFound                         FileNotFoundError
//   kPermissionDenied                 PermissionError
//   kUnimplemented                    NotImplementedError (a RuntimeError)
//   anything else                     RuntimeError
//
// The Python message is the Status message.
//
//   m.def("load", [](absl::string_view path) {
//     return ValueOrThrow(LoadTokenizer(path, {}));
//   });
//
// StatusError may be thrown with the GIL released: the translator runs after
// pybind11 has taken the GIL back.

#ifndef TOKENFORGE_BINDINGS_PYTHON_STATUS_H_
#define TOKENFORGE_BINDINGS_PYTHON_STATUS_H_

#include <pybind11/pybind11.h>

#include <exception>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tokenforge {
namespace python {

// A non-OK Status on its way to Python.
class StatusError : public std::exception {
 public:
  explicit StatusError(absl::Status status)
      : status_(std::move(status)), what_(status_.ToString()) {}

  const char* what() const noexcept override { return what_.c_str(); }
  const absl::Status& status() const { return status_; }

 private:
  absl::Status status_;
  std::string what_;
};

// Throws StatusError unless `status` is OK.
inline void ThrowIfError(absl::Status status) {
  if (!status.ok()) throw StatusError(std::move(status));
}

// Returns the value of `result`, or throws StatusError with its status.
template <typename T>
T ValueOrThrow(absl::StatusOr<T> result) {
  if (!result.ok()) throw StatusError(std::move(result).status());
  return *std::move(result);
}

// Returns the Python exception type for a status code (table above).
inline PyObject* PythonExceptionType(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kResourceExhausted:
      return PyExc_ValueError;
    case absl::StatusCode::kNotFound:
      return PyExc_FileNotFoundError;
    case absl::StatusCode::kPermissionDenied:
      return PyExc_PermissionError;
    case absl::StatusCode::kUnimplemented:
      return PyExc_NotImplementedError;
    default:
      return PyExc_RuntimeError;
  }
}

// Registers the StatusError translator. Call once from PYBIND11_MODULE.
inline void RegisterStatusTranslator() {
  pybind11::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const StatusError& e) {
      const std::string message(e.status().message());
      PyErr_SetString(PythonExceptionType(e.status().code()), message.c_str());
    }
  });
}

}  // namespace python
}  // namespace tokenforge

#endif  // TOKENFORGE_BINDINGS_PYTHON_STATUS_H_
