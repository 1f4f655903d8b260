# Install tree (same layout as the build tree) and the CMake package that
# lets an outside project do find_package(mlsysim CONFIG) + mlsysim_add_plugin().
include(CMakePackageConfigHelpers)

get_property(mlsysim_libraries GLOBAL PROPERTY MLSYSIM_INSTALL_LIBRARIES)
install(TARGETS ${mlsysim_libraries} EXPORT mlsysimTargets
        LIBRARY DESTINATION ${MLSYSIM_LIB_DIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET mlsysim_mpi)  # distributed sweeps, loaded under mpirun only
  install(TARGETS mlsysim_mpi LIBRARY DESTINATION ${MLSYSIM_LIB_DIR})
endif()
foreach(library IN LISTS mlsysim_libraries)  # each kernel library's public headers
  get_target_property(source_dir ${library} SOURCE_DIR)
  if(EXISTS ${source_dir}/include)
    install(DIRECTORY ${source_dir}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} PATTERN "*.in" EXCLUDE)
  endif()
endforeach()
foreach(dir IN LISTS MLSYSIM_CONTRACT_INCLUDE_DIRS)  # sdk/contracts/<name>/include
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/generated/include/mlsysim/framework/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/mlsysim/framework)

install(TARGETS mlsysim RUNTIME DESTINATION ${MLSYSIM_BIN_DIR})
get_property(plugins GLOBAL PROPERTY MLSYSIM_INSTALL_PLUGINS)
install(TARGETS ${plugins} LIBRARY DESTINATION ${MLSYSIM_PLUGIN_DIR})
get_property(plugin_data GLOBAL PROPERTY MLSYSIM_INSTALL_PLUGIN_DATA)
install(FILES ${plugin_data} DESTINATION ${MLSYSIM_PLUGIN_DIR})
# Every kind of zoo entry (the measured corpus stays in the source tree).
install(DIRECTORY zoo/hardware zoo/models zoo/fabrics zoo/nodes zoo/grids zoo/fleets zoo/racks
                  zoo/tiers zoo/scenarios zoo/personas DESTINATION ${MLSYSIM_ZOO_DIR})

install(EXPORT mlsysimTargets NAMESPACE mlsysim:: DESTINATION ${MLSYSIM_CMAKE_DIR})
# The installed package's files are generated apart from the build tree's own
# package (mlsysimBuildTreeExport.cmake), which sits at the top of the build.
set(install_package ${PROJECT_BINARY_DIR}/install-package)
configure_package_config_file(sdk/cmake/mlsysimConfig.cmake.in
  ${install_package}/mlsysimConfig.cmake INSTALL_DESTINATION ${MLSYSIM_CMAKE_DIR})
write_basic_package_version_file(${install_package}/mlsysimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${install_package}/mlsysimConfig.cmake
              ${install_package}/mlsysimConfigVersion.cmake
              sdk/cmake/mlsysimPlugin.cmake
        DESTINATION ${MLSYSIM_CMAKE_DIR})

# What users of a command-line tool expect beside it: shell completion, a
# man page, a pkg-config file, the examples and the plugin template.
set(mlsysim_share "${PROJECT_BINARY_DIR}/${CMAKE_INSTALL_DATADIR}")
install(FILES "${mlsysim_share}/bash-completion/completions/mlsysim"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES "${mlsysim_share}/zsh/site-functions/_mlsysim" DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES "${mlsysim_share}/man/man1/mlsysim.1" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
configure_file(sdk/cmake/mlsysim.pc.in ${PROJECT_BINARY_DIR}/mlsysim.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/mlsysim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mlsysim/examples)
# The documentation, with every document an installed header cites (their
# paths are relative to it: reference/physics.md, zoo/README.md, ...).
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES zoo/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/zoo)
install(FILES zoo/measured/CORPUS.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/zoo/measured)
install(DIRECTORY sdk/template/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mlsysim/template)
