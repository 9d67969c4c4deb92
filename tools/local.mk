# tools: the plugin skeleton writer, installed beside galley
dist_bin_SCRIPTS = tools/galley-new-plugin
