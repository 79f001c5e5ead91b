# cmake --install makes tokenforge consumable with find_package(tokenforge).
include(CMakePackageConfigHelpers)

get_property(tf_components GLOBAL PROPERTY TF_COMPONENTS)
install(TARGETS tokenforge ${tf_components} EXPORT tokenforgeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(dir common tokenizers vocab_learning model)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tokenforge
    FILES_MATCHING PATTERN "*.h")
endforeach()
install(EXPORT tokenforgeTargets NAMESPACE tokenforge::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tokenforge)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tokenforgeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tokenforgeConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tokenforge)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tokenforgeConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tokenforgeConfig.cmake
  ${PROJECT_BINARY_DIR}/tokenforgeConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tokenforge)
