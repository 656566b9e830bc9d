// The Catch2 entry point of the unit tests; every other file here holds tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
