# TSan builds: adds tsan_absl_mutex.cc (see there why) to every executable of
# the project. Included at the end of the top-level CMakeLists.txt, once every
# target exists.
valore_targets_under(${PROJECT_SOURCE_DIR} valore_tsan_targets)
foreach(target ${valore_tsan_targets})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    target_sources(${target} PRIVATE
      ${PROJECT_SOURCE_DIR}/tools/sanitizers/tsan_absl_mutex.cc)
  endif()
endforeach()
