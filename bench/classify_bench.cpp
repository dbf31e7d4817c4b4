// Classification cost per event, on the real seed taxonomy: compiles the kinds exported from an
// installed extension (kinds.tsv) and classifies the events of triples.tsv round-robin.
// Usage: classify_bench kinds.tsv triples.tsv [iterations]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/taxonomy.hpp"

namespace {
std::vector<std::vector<std::string>> read_tsv(const char* path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell == "\\N" ? "" : cell);
        if (!line.empty() && line.back() == '\t') cells.emplace_back();
        rows.push_back(std::move(cells));
    }
    return rows;
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 3) { std::fprintf(stderr, "usage: %s kinds.tsv triples.tsv [iterations]\n", argv[0]); return 2; }
    long iterations = argc > 3 ? std::atol(argv[3]) : 10'000'000;
    std::vector<std::string> vocabularies;
    std::vector<ar::KindSpec> kinds;
    for (auto& r : read_tsv(argv[1])) {
        ar::KindSpec k{std::stoi(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], {}};
        std::stringstream ss(r.size() > 7 ? r[7] : "");
        for (std::string role; std::getline(ss, role, ',');) k.roles.push_back(role);
        bool known = false;
        for (auto& v : vocabularies) known |= v == k.vocabulary;
        if (!known) vocabularies.push_back(k.vocabulary);
        kinds.push_back(std::move(k));
    }
    auto compile_start = std::chrono::steady_clock::now();
    auto taxonomy = ar::Taxonomy::compile(vocabularies, kinds, {});
    double compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - compile_start).count();

    struct Triple { int vocabulary; std::string category, action, label; };
    std::vector<Triple> triples;
    for (auto& r : read_tsv(argv[2])) triples.push_back({taxonomy->vocabulary_index(r[0]), r[1], r[2], r.size() > 3 ? r[3] : ""});

    long matched = 0;
    ar::Captures captures;
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i) {
        const Triple& t = triples[static_cast<std::size_t>(i) % triples.size()];
        matched += taxonomy->classify(t.vocabulary, t.category, t.action, t.label, captures) != nullptr;
    }
    double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / static_cast<double>(iterations);
    std::printf("kinds: %zu, compile: %.2f ms, distinct events: %zu, classifications: %ld (%ld matched), %.1f ns per event\n",
                taxonomy->kind_count(), compile_ms, triples.size(), iterations, matched, ns);
    return 0;
}
