# PGXS build of the activity_report extension (C++20, fmt). `make && make install`; tests: `make installcheck`
# against a running server, or scripts/test.sh for everything on a throwaway cluster.
EXTENSION   = activity_report
EXTVERSION  = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" activity_report.control)
MODULE_big  = activity_report
OBJS        = $(patsubst %.cpp,%.o,$(sort $(wildcard src/core/*.cpp) $(wildcard src/pg/*.cpp)))
# The current version's full script is built from src/sql; released scripts (activity_report--0.1.0.sql,
# frozen) and the upgrade scripts are committed as they are.
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard $(EXTENSION)--*.sql))
EXTRA_CLEAN = $(DATA_built) $(OBJS:.o=.d) results/ output_iso/ tmp_check_iso/

PG_CPPFLAGS = -Isrc
PG_CXXFLAGS = -std=c++20 -fPIC -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-register
SHLIB_LINK  = -lfmt -lstdc++

REGRESS      = $(sort $(notdir $(basename $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)
ISOLATION      = $(sort $(notdir $(basename $(wildcard specs/*.spec))))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

# No LLVM bitcode for JIT inlining. LLVM 14's inliner (PostgreSQL 15 on Debian 12) aborts the backend on the
# summaries of our C++ bitcode (an assertion in llvm::cast<FunctionSummary>: constructor aliases): a report
# whose plan cost passed jit_inline_above_cost crashed the server (test/generate_valid.sh, 200,000 events on a
# partitioned events that was not analyzed yet). JIT still compiles expressions; it only does not inline our
# functions. Bitcode an earlier install left behind is removed, since the inliner reads any it finds.
override with_llvm = no

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

install: remove-stale-bitcode
remove-stale-bitcode:
	rm -rf '$(DESTDIR)$(pkglibdir)/bitcode/$(MODULE_big)' '$(DESTDIR)$(pkglibdir)/bitcode/$(MODULE_big).index.bc'
.PHONY: remove-stale-bitcode

# Header dependencies (PGXS tracks none without --enable-depend): only the g++ step writes them.
override CXXFLAGS += -MMD -MP
-include $(OBJS:.o=.d)

$(DATA_built): $(sort $(wildcard src/sql/*.sql))
	cat $^ > $@

# The activity-report command-line tool (libpq + fmt; cairo and FreeType for the PDF dashboard), installed
# beside the server's programs.
CLI         = activity-report
CLI_OBJS    = $(patsubst %.cpp,%.o,$(sort $(wildcard src/cli/*.cpp))) src/core/text.o
PG_LIBDIR  := $(shell $(PG_CONFIG) --libdir)
PG_INCDIR  := $(shell $(PG_CONFIG) --includedir)
CAIRO_CFLAGS := $(shell pkg-config --cflags cairo freetype2)
CAIRO_LIBS   := $(shell pkg-config --libs cairo freetype2)
EXTRA_CLEAN += $(CLI) $(CLI_OBJS:.o=.d)
all: $(CLI)
-include $(CLI_OBJS:.o=.d)
src/cli/dashboard_pdf.o: CLI_CFLAGS = $(CAIRO_CFLAGS)
src/cli/%.o: src/cli/%.cpp
	$(CXX) -pthread -Isrc -I$(PG_INCDIR) $(CLI_CFLAGS) $(CXXFLAGS) -c -o $@ $<
$(CLI): $(CLI_OBJS)
	$(CXX) -pthread -o $@ $^ -L$(PG_LIBDIR) -lpq -lfmt $(CAIRO_LIBS)
install: install-cli
install-cli: $(CLI)
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) $(CLI) '$(DESTDIR)$(bindir)/$(CLI)'
uninstall: uninstall-cli
uninstall-cli:
	rm -f '$(DESTDIR)$(bindir)/$(CLI)'
.PHONY: install-cli uninstall-cli
