// The synthetic data generator: determinism, exact event count, distinct source_refs, well-formed CSV, and
// every event valid under the seeded taxonomy (parsed from src/sql/11_seed_taxonomy.sql and compiled with the
// same C++ taxonomy the extension uses). test/generate_valid.sh proves the same against a real server.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/generate.hpp"
#include "core/taxonomy.hpp"

using namespace ar::cli;

namespace {

struct Table {
    std::string columns;
    std::vector<std::string> rows;
    int begins = 0, ends = 0;
};

class CollectSink : public TableSink {
public:
    std::vector<std::string> order;
    std::map<std::string, Table> tables;
    void begin(std::string_view table, std::string_view columns) override {
        current_ = std::string(table);
        order.push_back(current_);
        tables[current_].columns = std::string(columns);
        tables[current_].begins++;
    }
    void row(std::string_view line) override { tables[current_].rows.emplace_back(line); }
    void end() override { tables[current_].ends++; }

private:
    std::string current_;
};

class DigestSink : public TableSink {
public:
    std::uint64_t hash = 1469598103934665603ULL, rows = 0, bytes = 0;
    void begin(std::string_view t, std::string_view c) override { mix(t), mix(c); }
    void row(std::string_view line) override {
        mix(line);
        ++rows;
        bytes += line.size();
    }
    void end() override { mix("<end>"); }

private:
    void mix(std::string_view s) {
        for (unsigned char ch : s) hash = (hash ^ ch) * 1099511628211ULL;
        hash = (hash ^ 0xff) * 1099511628211ULL;
    }
};

// RFC 4180 split of one line; false when malformed (unbalanced quotes, text after a closing quote).
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
    fields.clear();
    std::string f;
    std::size_t i = 0;
    for (;;) {
        f.clear();
        if (i < line.size() && line[i] == '"') {
            ++i;
            for (;;) {
                if (i >= line.size()) return false;
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        f += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                f += line[i++];
            }
            if (i < line.size() && line[i] != ',') return false;
        } else {
            while (i < line.size() && line[i] != ',') {
                if (line[i] == '"' || line[i] == '\n' || line[i] == '\r') return false;
                f += line[i++];
            }
        }
        fields.push_back(f);
        if (i >= line.size()) return true;
        ++i;  // the comma
    }
}

std::size_t count_columns(const std::string& columns) {
    return static_cast<std::size_t>(std::count(columns.begin(), columns.end(), ',')) + 1;
}

CollectSink run(std::uint64_t events, std::uint64_t seed) {
    CollectSink sink;
    generate({events, seed}, sink);
    return sink;
}

// The activity_kinds rows of the seed script: one tuple per line, '' escapes, NULL, roles as '{a,b}'.
std::vector<ar::KindSpec> seed_kinds(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<ar::KindSpec> kinds;
    std::string line;
    bool in_kinds = false;
    int id = 0;
    while (std::getline(in, line)) {
        if (line.rfind("INSERT INTO ", 0) == 0) {
            in_kinds = line.find("activity_report.activity_kinds") != std::string::npos;
            continue;
        }
        if (!in_kinds || line.rfind("  ('", 0) != 0) continue;
        std::vector<std::string> values;
        std::size_t i = 3;
        while (i < line.size()) {
            if (line[i] == '\'') {
                std::string v;
                ++i;
                while (i < line.size()) {
                    if (line[i] == '\'') {
                        if (i + 1 < line.size() && line[i + 1] == '\'') {
                            v += '\'';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    v += line[i++];
                }
                values.push_back(v);
            } else if (line.compare(i, 4, "NULL") == 0) {
                values.emplace_back();
                i += 4;
            } else {
                break;
            }
            if (line.compare(i, 2, ", ") == 0) i += 2;
            else break;
        }
        if (values.size() < 8) continue;
        ar::KindSpec k;
        k.id = ++id;
        k.vocabulary = values[0];
        k.section = values[1];
        k.name = values[2];
        k.category = values[4];
        k.action = values[5];
        k.label = values[6];
        std::string roles = values[7].substr(1, values[7].size() - 2);
        std::stringstream ss(roles);
        for (std::string r; std::getline(ss, r, ',');)
            if (!r.empty()) k.roles.push_back(r);
        kinds.push_back(k);
    }
    return kinds;
}

}  // namespace

TEST(Generate, TablesInLoadOrderWithColumns) {
    CollectSink s = run(2000, 7);
    EXPECT_EQ(s.order, (std::vector<std::string>{"users", "contents", "groups", "group_members", "events"}));
    for (auto& [name, t] : s.tables) {
        EXPECT_EQ(t.begins, 1) << name;
        EXPECT_EQ(t.ends, 1) << name;
        EXPECT_FALSE(t.rows.empty()) << name;
    }
    EXPECT_EQ(s.tables["events"].columns,
              "vocabulary,occurred_at,user_id,category,action,label,content_id,content_name,content_slug,portal,"
              "source_ref");
    EXPECT_EQ(s.tables["group_members"].columns, "group_id,user_id,role");
    EXPECT_EQ(s.tables["users"].rows.size(), 20u);   // max(20, 2000 / 500)
}

TEST(Generate, ExactEventCount) {
    for (std::uint64_t n : {0ULL, 1ULL, 2ULL, 17ULL, 999ULL, 12345ULL}) {
        CollectSink s = run(n, 3);
        EXPECT_EQ(s.tables["events"].rows.size(), n);
    }
}

TEST(Generate, Deterministic) {
    DigestSink a, b, c, d;
    generate({30000, 42}, a);
    generate({30000, 42}, b);
    generate({30000, 43}, c);
    generate({30001, 42}, d);
    EXPECT_EQ(a.hash, b.hash);
    EXPECT_EQ(a.rows, b.rows);
    EXPECT_NE(a.hash, c.hash);
    EXPECT_NE(a.hash, d.hash);
    // Byte-identical, not only the same digest.
    EXPECT_EQ(run(5000, 9).tables["events"].rows, run(5000, 9).tables["events"].rows);
}

TEST(Generate, IdsCarryTheSeed) {
    CollectSink s = run(5000, 77);
    std::vector<std::string> f;
    for (auto& [name, prefix] : std::map<std::string, std::string>{
             {"users", "g77-u"}, {"contents", "g77-c"}, {"groups", "g77-g"}}) {
        for (auto& r : s.tables[name].rows) {
            ASSERT_TRUE(split_csv(r, f));
            EXPECT_EQ(f[0].rfind(prefix, 0), 0u) << r;
        }
    }
    std::set<std::string> refs;
    std::uint64_t n = 0;
    for (auto& r : s.tables["events"].rows) {
        ASSERT_TRUE(split_csv(r, f));
        EXPECT_EQ(f.back(), "gen:77:" + std::to_string(++n));
        refs.insert(f.back());
        EXPECT_EQ(f[2].rfind("g77-u", 0), 0u);
    }
    EXPECT_EQ(refs.size(), 5000u);
}

TEST(Generate, WellFormedCsvAndReferences) {
    CollectSink s = run(20000, 5);
    std::vector<std::string> f;
    std::map<std::string, std::set<std::string>> keys;
    std::map<std::string, std::string> user_portal;
    for (auto& name : s.order) {
        const Table& t = s.tables[name];
        const std::size_t want = count_columns(t.columns);
        for (auto& r : t.rows) {
            ASSERT_TRUE(split_csv(r, f)) << name << ": " << r;
            ASSERT_EQ(f.size(), want) << name << ": " << r;
            if (name != "group_members" && name != "events") {
                EXPECT_TRUE(keys[name].insert(f[0]).second) << r;
            }
            if (name == "users") user_portal[f[0]] = f[10];
            if (name == "contents" && !f[4].empty()) { EXPECT_TRUE(keys["contents"].count(f[4])) << r; }
            if (name == "group_members") {
                EXPECT_TRUE(keys["groups"].count(f[0])) << r;
                EXPECT_TRUE(keys["users"].count(f[1])) << r;
                EXPECT_TRUE(keys["members"].insert(f[0] + "/" + f[1]).second) << "duplicate member " << r;
            }
            if (name == "events") {
                EXPECT_TRUE(keys["users"].count(f[2])) << r;
                if (!f[6].empty()) {
                    EXPECT_TRUE(keys["contents"].count(f[6])) << r;
                }
                EXPECT_EQ(f[9], user_portal[f[2]]) << r;
                EXPECT_EQ(f[1].size(), 22u) << r;  // 2026-03-10 09:00:00+00
                EXPECT_EQ(f[1].substr(19), "+00") << r;
            }
        }
    }
}

TEST(Generate, EveryEventValidUnderTheSeedTaxonomy) {
    const auto sql = std::filesystem::path(__FILE__).parent_path() / "../../src/sql/11_seed_taxonomy.sql";
    if (!std::filesystem::exists(sql)) GTEST_SKIP() << "no " << sql;
    const auto kinds = seed_kinds(sql);
    ASSERT_GT(kinds.size(), 200u);
    const auto tax = ar::Taxonomy::compile(
        {"activity_exporter", "event_platform", "content_actions", "collaborative"}, kinds, {});
    CollectSink s = run(100000, 11);
    std::vector<std::string> f;
    std::map<std::string, std::uint64_t> per_vocabulary;
    std::set<int> kinds_hit;
    std::vector<ar::Problem> problems;
    int failures = 0;
    for (auto& r : s.tables["events"].rows) {
        ASSERT_TRUE(split_csv(r, f));
        ar::EventView e;
        e.user_id = f[2];
        e.category = f[3];
        e.action = f[4];
        if (!f[5].empty()) e.label = f[5];
        problems.clear();
        const ar::Taxonomy::Kind* k = tax->validate(e, f[0], problems);
        if (!k && ++failures <= 20) ADD_FAILURE() << r << " -> " << (problems.empty() ? "?" : problems[0].message);
        if (k) kinds_hit.insert(k->id);
        per_vocabulary[f[0]]++;
    }
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(per_vocabulary.size(), 4u);
    for (auto& [v, n] : per_vocabulary) EXPECT_GT(n, 5000u) << v;
    // Report the kinds never produced (informational; duplicates of earlier kinds can never win).
    std::string missing;
    for (auto& k : kinds)
        if (!kinds_hit.count(k.id)) missing += "\n  " + k.vocabulary + " | " + k.category + " | " + k.action + " | " + k.label;
    std::cout << "kinds produced: " << kinds_hit.size() << " of " << kinds.size() << "; never:" << missing << "\n";
    for (auto& [v, n] : per_vocabulary) std::cout << "  " << v << ": " << n << "\n";
}

TEST(Generate, Speed) {
    // Informational (target well under 1 us per event in a release build); the bound only catches blunders
    // and stays loose for sanitizer and debug builds.
    constexpr std::uint64_t n = 500000;
    DigestSink d;
    const auto t0 = std::chrono::steady_clock::now();
    generate({n, 1}, d);
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    std::cout << n << " events: " << ns / 1e6 << " ms, " << ns / n << " ns/event (with hashing), "
              << static_cast<double>(d.bytes) / n << " bytes/event\n";
    EXPECT_LT(ns / n, 20000.0);
}
