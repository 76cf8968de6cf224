package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A full disk is recognised in the words each layer uses for it (the SQLite case is proven end to end by the
 * CLI's DiskFullIT): PostgreSQL's SQLSTATE, MariaDB's error number and errno, the file system's ENOSPC.
 */
class DiskFullTest {

    @Test
    void postgresDiskFullIsKnownByItsSqlState() {
        SQLException pg = new SQLException("ERROR: could not extend file \"base/16384/16385\"", "53100");

        PristineException e = DiskFull.error("building the template", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "no template was published for it", new IllegalStateException("migrate", pg)).orElseThrow();

        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE);
        assertThat(e.code().exitCode()).isEqualTo(7);
        assertThat(e.getMessage()).isEqualTo("the disk is full while building the template (ERROR: could not extend file "
                + "\"base/16384/16385\"), database server jdbc:postgresql://127.0.0.1:5432/postgres, free space on the "
                + "database server's disk and run again; no template was published for it");
        assertThat(e.getCause().getCause()).isSameAs(pg);
    }

    @Test
    void mariadbDiskFullIsKnownByItsErrorNumberOrByErrno28() {
        assertThat(DiskFull.find(new SQLException("Disk full (/tmp/#sql_1.MAI); waiting for someone to free some space...",
                "HY000", 1021))).isPresent();
        assertThat(DiskFull.find(new SQLException("Error writing file './db/t.frm' (Errcode: 28)", "HY000", 1026)))
                .isPresent();
    }

    @Test
    void enospcFromTheFileSystemIsKnownWithThePathInTheMessage() {
        FileSystemException io = new FileSystemException("/state/sqlite/clones/pristine_x.db", null,
                "No space left on device");

        PristineException e = DiskFull.error("creating a clone", "/state/sqlite", null,
                new UncheckedIOException(io)).orElseThrow();

        assertThat(e.getMessage()).isEqualTo("the disk is full while creating a clone "
                + "(/state/sqlite/clones/pristine_x.db: No space left on device), state directory /state/sqlite, "
                + "free space there, or choose another state directory with --state-dir / PRISTINE_STATE_DIR, and run again");
    }

    @Test
    void otherFailuresAreNotADiskFull() {
        assertThat(DiskFull.find(new SQLException("ERROR: relation \"t\" already exists", "42P07"))).isEmpty();
        assertThat(DiskFull.find(new SQLException("Table 't' already exists", "42S01", 1050))).isEmpty();
        assertThat(DiskFull.find(new IOException("Permission denied"))).isEmpty();
        assertThat(DiskFull.find(new SQLException("syntax error at line 28", "42601"))).isEmpty();
    }
}
