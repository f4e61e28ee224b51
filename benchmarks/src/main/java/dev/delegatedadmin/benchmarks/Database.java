package dev.delegatedadmin.benchmarks;

/** Throwaway databases on the machine's PostgreSQL (127.0.0.1:5432, trust authentication, user postgres). */
final class Database {

    private Database() {
    }

    /** Drops and creates {@code name}; returns it. */
    static String create(String name) throws Exception {
        psql("drop database if exists " + name + " with (force)");
        psql("create database " + name);
        return name;
    }

    private static void psql(String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql)
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + sql);
        }
    }
}
