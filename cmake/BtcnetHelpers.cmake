set(BTCNET_SKIP_COMPONENTS "" CACHE STRING
    "Source directories (relative to the top, e.g. net/address) to leave out of a partial build")

# Adds every direct subdirectory of the current source directory that has a CMakeLists.txt, so a
# new component needs no edit to its parent.
function(btcnet_add_subdirectories)
  file(RELATIVE_PATH _here "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}")
  file(GLOB _children LIST_DIRECTORIES true RELATIVE "${CMAKE_CURRENT_SOURCE_DIR}"
       "${CMAKE_CURRENT_SOURCE_DIR}/*")
  list(SORT _children)
  foreach(_child IN LISTS _children)
    if(_here)
      set(_path "${_here}/${_child}")
    else()
      set(_path "${_child}")
    endif()
    if(_path IN_LIST BTCNET_SKIP_COMPONENTS)
      continue()
    endif()
    if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${_child}/CMakeLists.txt")
      add_subdirectory("${_child}")
    endif()
  endforeach()
endfunction()

# btcnet_test(<name> SOURCES <files...> LIBS <targets...>): a GoogleTest program registered with
# ctest test by test. Its working directory is the build tree; BTCNET_SOURCE_DIR is defined.
function(btcnet_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE BTCNET_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  # Each test is labelled with its top directory under tests/ (actors, integration, net, apps,
  # tools), and tests_<label> builds that label's programs, so that a sanitizer tree can build
  # and run a part of the suite: ctest -L 'actors|integration'.
  file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}/tests" "${CMAKE_CURRENT_SOURCE_DIR}")
  string(REGEX REPLACE "/.*" "" label "${rel}")
  if(NOT TARGET tests_${label})
    add_custom_target(tests_${label})
  endif()
  add_dependencies(tests_${label} ${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300 LABELS ${label})
endfunction()

# btcnet_embed(<out_var> FUNCTION <name> HEADER <include> NAMESPACE <ns> BASE <dir> FILES <...>):
# generates a source defining `std::span<const embedded_file> <name>()` over the files' bytes,
# regenerated when a file changes; <out_var> receives its path.
function(btcnet_embed out_var)
  cmake_parse_arguments(ARG "" "FUNCTION;HEADER;NAMESPACE;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_FUNCTION}.cpp")
  set(deps "")
  foreach(f IN LISTS ARG_FILES)
    list(APPEND deps "${ARG_BASE}/${f}")
  endforeach()
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")  # a list would not survive the command line
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DOUT=${out} -DBASE=${ARG_BASE} -DFILES=${files_arg}
            -DHEADER=${ARG_HEADER} -DNAMESPACE=${ARG_NAMESPACE} -DFUNCTION=${ARG_FUNCTION}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${deps} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
