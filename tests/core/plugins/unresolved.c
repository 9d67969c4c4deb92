/* tests/core/plugins/unresolved.c - test plugin calling a function that no
 * library defines: the loader must name the symbol, not say "not found". */
#include <galley/galley.h>

void galley_test_symbol_that_does_not_exist(void);

static galley_status un_process(void *state, galley_doc *doc)
{
    (void)state;
    (void)doc;
    galley_test_symbol_that_does_not_exist();
    return GALLEY_OK;
}

GALLEY_PLUGIN(unresolved, .kind = GALLEY_EXTRACT,
              .summary = "test: has an unresolved symbol", .process = un_process);
