# examples/local.mk - the bundled articles, installed so the installed
# default.conf ($(pkgdatadir)/conf) finds ../examples/articles
examplesseeddir = $(pkgdatadir)/examples/articles/seed
dist_examplesseed_DATA = examples/articles/seed/mattis-pakistan.txt
exampleswikinewsdir = $(pkgdatadir)/examples/articles/wikinews
dist_exampleswikinews_DATA = \
	examples/articles/wikinews/GUM-LICENSE.txt \
	examples/articles/wikinews/GUM_interview_ants.txt \
	examples/articles/wikinews/GUM_interview_brotherhood.txt \
	examples/articles/wikinews/GUM_interview_chomsky.txt \
	examples/articles/wikinews/GUM_interview_cocktail.txt \
	examples/articles/wikinews/GUM_interview_cyclone.txt \
	examples/articles/wikinews/GUM_interview_daly.txt \
	examples/articles/wikinews/GUM_interview_dungeon.txt \
	examples/articles/wikinews/GUM_interview_gaming.txt \
	examples/articles/wikinews/GUM_interview_herrick.txt \
	examples/articles/wikinews/GUM_interview_hill.txt \
	examples/articles/wikinews/GUM_interview_libertarian.txt \
	examples/articles/wikinews/GUM_interview_licen.txt \
	examples/articles/wikinews/GUM_interview_mcguire.txt \
	examples/articles/wikinews/GUM_interview_mckenzie.txt \
	examples/articles/wikinews/GUM_interview_messina.txt \
	examples/articles/wikinews/GUM_interview_onion.txt \
	examples/articles/wikinews/GUM_interview_peres.txt \
	examples/articles/wikinews/GUM_interview_shalev.txt \
	examples/articles/wikinews/GUM_interview_stardust.txt \
	examples/articles/wikinews/GUM_news_afghan.txt \
	examples/articles/wikinews/GUM_news_asylum.txt \
	examples/articles/wikinews/GUM_news_clock.txt \
	examples/articles/wikinews/GUM_news_crane.txt \
	examples/articles/wikinews/GUM_news_defector.txt \
	examples/articles/wikinews/GUM_news_election.txt \
	examples/articles/wikinews/GUM_news_expo.txt \
	examples/articles/wikinews/GUM_news_flag.txt \
	examples/articles/wikinews/GUM_news_hackers.txt \
	examples/articles/wikinews/GUM_news_homeopathic.txt \
	examples/articles/wikinews/GUM_news_ie9.txt \
	examples/articles/wikinews/GUM_news_imprisoned.txt \
	examples/articles/wikinews/GUM_news_iodine.txt \
	examples/articles/wikinews/GUM_news_korea.txt \
	examples/articles/wikinews/GUM_news_lanterns.txt \
	examples/articles/wikinews/GUM_news_nasa.txt \
	examples/articles/wikinews/GUM_news_questionnaire.txt \
	examples/articles/wikinews/GUM_news_sensitive.txt \
	examples/articles/wikinews/GUM_news_soccer.txt \
	examples/articles/wikinews/GUM_news_stampede.txt \
	examples/articles/wikinews/GUM_news_taxes.txt \
	examples/articles/wikinews/GUM_news_warhol.txt \
	examples/articles/wikinews/GUM_news_warming.txt \
	examples/articles/wikinews/GUM_news_worship.txt \
	examples/articles/wikinews/LICENSE \
	examples/articles/wikinews/metadata.jsonl
examplesdir = $(pkgdatadir)/examples
dist_examples_DATA = examples/README.md
examplesplugindir = $(pkgdatadir)/examples/plugin
dist_examplesplugin_DATA = examples/plugin/Makefile examples/plugin/wordcount.c \
	examples/plugin/wordcount.conf examples/plugin/test_wordcount.c
