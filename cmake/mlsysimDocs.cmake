# API reference for the public headers (framework, registry, SDK), with
# Doxygen when it is installed: `cmake --build build --target mlsysim_api_docs`
# writes build/docs/api/html/index.html. Optional: nothing else needs it.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  return()
endif()
set(DOXYGEN_PROJECT_NAME "mlsysim")
set(DOXYGEN_PROJECT_NUMBER "${PROJECT_VERSION}")
set(DOXYGEN_PROJECT_BRIEF "${PROJECT_DESCRIPTION}")
set(DOXYGEN_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/docs/api")
set(DOXYGEN_EXTRACT_ALL YES)
set(DOXYGEN_GENERATE_LATEX NO)
set(DOXYGEN_RECURSIVE YES)
set(DOXYGEN_FULL_PATH_NAMES YES)
file(GLOB registry_includes LIST_DIRECTORIES true "${PROJECT_SOURCE_DIR}/registry/*/include")
set(public_includes "${PROJECT_SOURCE_DIR}/framework/include" ${registry_includes} "${PROJECT_SOURCE_DIR}/sdk/include")
set(DOXYGEN_STRIP_FROM_PATH ${public_includes})
set(DOXYGEN_QUIET YES)
set(DOXYGEN_WARN_IF_UNDOCUMENTED NO)
doxygen_add_docs(mlsysim_api_docs
  ${public_includes}
  COMMENT "API reference (Doxygen) -> ${PROJECT_BINARY_DIR}/docs/api/html/index.html")
if(MLSYSIM_BUILD_TESTS)
  add_test(NAME api_docs_build
           COMMAND sh -c "'${CMAKE_COMMAND}' --build '${PROJECT_BINARY_DIR}' --target mlsysim_api_docs > /dev/null && test -s '${PROJECT_BINARY_DIR}/docs/api/html/classmlsysim_1_1Registry.html'")
endif()
