int fd_placeholder_ingest = 0;
