# TSan builds: adds tsan_absl_mutex.cc (see there why) to every executable of
# the project. Included at the end of the top-level CMakeLists.txt, once every
# target exists.
function(valore_tsan_add_absl_mutex dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_sources(${target} PRIVATE
        ${PROJECT_SOURCE_DIR}/tools/sanitizers/tsan_absl_mutex.cc)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    valore_tsan_add_absl_mutex(${sub})
  endforeach()
endfunction()

valore_tsan_add_absl_mutex(${PROJECT_SOURCE_DIR})
