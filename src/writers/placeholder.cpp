int fd_placeholder_writers = 0;
