package io.budai.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps two {@code budai up}/{@code down} of the same state directory from racing each other. */
final class FleetLock implements AutoCloseable {

  /** Another command holds the lock. */
  static final class Busy extends Exception {
    Busy(Path file) {
      super(
          "Another ./budai command is starting or stopping this fleet (lock "
              + file
              + "); wait for it to finish.");
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private FleetLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static FleetLock acquire(Path file) throws Busy {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new Busy(file);
      }
      return new FleetLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException ignored) {
      // the lock dies with the channel or the process anyway
    }
  }
}
