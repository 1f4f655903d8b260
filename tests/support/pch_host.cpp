// The program that hosts the tests' precompiled header (tests/CMakeLists.txt);
// it has no tests of its own (GoogleTest's main runs none).
