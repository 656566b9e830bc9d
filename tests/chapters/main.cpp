// Checks of the chapters' results.json files: one group of test cases per chapter,
// tagged with the chapter's name, so that CTest runs `d2l_chapter_checks "[name]"`
// after `name --quick --out $D2L_TEST_OUT/name`.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
