# Helpers that keep the per-directory lists declarative (STYLE.md 4.14).

set(TF_WARNING_FLAGS -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wno-sign-conversion
  # Designated initializers (STYLE.md 4.5) leave fields at their defaults.
  -Wno-missing-field-initializers)
if(TF_WERROR)
  list(APPEND TF_WARNING_FLAGS -Werror)
endif()
if(TF_SANITIZE)
  add_compile_options(-fsanitize=${TF_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${TF_SANITIZE})
endif()

# tf_component(NAME) declares the static library of one top-level directory.
# Its sources are added by subdirectories with target_sources().
function(tf_component name)
  add_library(${name} STATIC)
  target_compile_options(${name} PRIVATE ${TF_WARNING_FLAGS})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/tokenforge>)
  set_property(GLOBAL APPEND PROPERTY TF_COMPONENTS ${name})
endfunction()

# tf_cc_test(NAME n SRCS ... DEPS ... LABELS ...) builds one gtest binary and
# registers its tests with ctest. Tests run from the source tree so that they
# find tests/golden and ../shared/data.
function(tf_cc_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_compile_options(${T_NAME} PRIVATE ${TF_WARNING_FLAGS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} tokenforge_testing
    GTest::gtest GTest::gmock GTest::gtest_main)
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  gtest_discover_tests(${T_NAME}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 60)
  # gtest_discover_tests splits a label list into separate properties, so
  # the labels are set by a file ctest includes after the discovered tests.
  set(labels_file "${CMAKE_CURRENT_BINARY_DIR}/${T_NAME}_labels.cmake")
  file(WRITE "${labels_file}"
    "foreach(t IN LISTS ${T_NAME}_TESTS)\n"
    "  set_tests_properties(\"\${t}\" PROPERTIES LABELS \"${T_LABELS}\")\n"
    "endforeach()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${labels_file}")
endfunction()
