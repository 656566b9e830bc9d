// The Catch2 entry point of the catalogue of bad inputs.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
