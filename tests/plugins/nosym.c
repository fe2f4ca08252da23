/* tests/plugins/nosym.c — a shared object without the init symbol. */
int smb_plugin_start(void);
int smb_plugin_start(void)
{
	return 0;
}
