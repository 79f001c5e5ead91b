# Read by ctest after the discovered tests (see CMakeLists.txt): labels the
# G0 gate "model" and "slow".
set_tests_properties([=[LmGateTest.G0BeatsTheBigramOnTinyShakespeare]=]
  PROPERTIES LABELS "model;slow")
