#include "cli/generate.hpp"
namespace ar::cli { void generate(const GenerateOptions&, TableSink&) {} }
