// activity-report: load platform exports, write reports and dashboards and generate data, with libpq and fmt.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/byte_source.hpp"
#include "cli/commands.hpp"
#include "cli/pg_session.hpp"

namespace {

constexpr const char* main_help = R"(Usage: activity-report COMMAND [OPTIONS] [ARGUMENTS]

Loads activity exports of event and learning platforms into the activity_report extension, writes its
reports and user dashboards (PDF, HTML), and generates synthetic data.

Commands:
  load FILE...          load sitewide / exporter / content-actions exports (CSV or JSON)
  report NAME [K=V...]  run a report function and write CSV, JSON or a table
  generate              write deterministic synthetic data of every vocabulary
  dashboard USER_ID     a user's analytics dashboard (seed 003) as a PDF or HTML document
  help [COMMAND]        this help, or a command's

Connection: the usual libpq settings (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGTZ, ~/.pgpass),
or -d/--dbname with a database name, a connection string ("host=... dbname=...") or a URI (postgresql://...).

Exit status: 0 success, 1 failure, 2 bad usage, 3 load finished with rejected rows.
)";

using namespace ar::cli;

constexpr OptionSpec load_options[] = {{"dbname", 'd', true}, {"help", 'h', false}, {"quiet", 'q', false},
                                       {"format", 'f', true}, {"portal", 0, true}, {"timezone", 0, true},
                                       {"no-refresh", 0, false}, {"no-new-months", 0, false}};
constexpr OptionSpec report_options[] = {{"dbname", 'd', true}, {"help", 'h', false}, {"format", 'f', true},
                                         {"output", 'o', true}, {"from", 0, true}, {"to", 0, true},
                                         {"timezone", 0, true}, {"list", 0, false},
                                         {"headers", 0, true}};
constexpr OptionSpec generate_options[] = {{"dbname", 'd', true}, {"help", 'h', false}, {"quiet", 'q', false},
                                           {"events", 'n', true}, {"seed", 's', true}, {"no-refresh", 0, false}};
constexpr OptionSpec dashboard_options[] = {{"dbname", 'd', true}, {"help", 'h', false}, {"format", 'f', true},
                                            {"output", 'o', true}, {"from", 0, true}, {"to", 0, true},
                                            {"timezone", 0, true}};

struct Command {
    std::string_view name;
    std::span<const OptionSpec> options;
    const char* help;
    int (*run)(const ParsedArgs&);
};
const Command commands[] = {{"load", load_options, load_help, run_load},
                            {"report", report_options, report_help, run_report},
                            {"generate", generate_options, generate_help, run_generate},
                            {"dashboard", dashboard_options, dashboard_help, run_dashboard}};

const Command* find_command(std::string_view name) {
    for (auto& c : commands)
        if (c.name == name) return &c;
    return nullptr;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // Connection options may come before the command: move them after it.
    std::vector<std::string> leading;
    while (!args.empty() && (args[0] == "-d" || args[0] == "--dbname" || args[0].starts_with("--dbname="))) {
        bool separate = args[0] == "-d" || args[0] == "--dbname";
        leading.insert(leading.end(), args.begin(), args.begin() + (separate && args.size() > 1 ? 2 : 1));
        args.erase(args.begin(), args.begin() + (separate && args.size() > 1 ? 2 : 1));
    }
    if (!args.empty()) args.insert(args.begin() + 1, leading.begin(), leading.end());
    try {
        if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
            const Command* c = args.size() > 1 ? find_command(args[1]) : nullptr;
            fmt::print("{}", c ? c->help : main_help);
            return args.empty() ? exit_code::usage : exit_code::ok;
        }
        if (args[0] == "--version") {
            fmt::print("activity-report 0.2.0\n");
            return exit_code::ok;
        }
        const Command* command = find_command(args[0]);
        if (!command) throw UsageError(fmt::format("unknown command \"{}\"", args[0]));
        auto parsed = parse_args(std::span(args).subspan(1), command->options);
        if (parsed.has("help")) {
            fmt::print("{}", command->help);
            return exit_code::ok;
        }
        return command->run(parsed);
    } catch (const UsageError& e) {
        fmt::print(stderr, "activity-report: {}\nTry \"activity-report help\" for more information.\n", e.what());
        return exit_code::usage;
    } catch (const PgError& e) {
        fmt::print(stderr, "activity-report: {}\n", e.what());
        return exit_code::failure;
    } catch (const std::exception& e) {
        fmt::print(stderr, "activity-report: {}\n", e.what());
        return exit_code::failure;
    }
}
