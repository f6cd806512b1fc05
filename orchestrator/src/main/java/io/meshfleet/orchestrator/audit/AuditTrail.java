package io.meshfleet.orchestrator.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The audit trail in PostgreSQL (table {@code audit_entry}): appends in the caller's transaction,
 * pages, streams and verifies the hash chain. Plain JDBC so that the exact SQL (and its indexes) is
 * visible and the bench harness measures the very queries the API runs.
 *
 * <p>Appends are serialised by a transaction-scoped advisory lock, so the chain is linear: the entry
 * read as "previous" is the last committed one, and the lock is held until this transaction ends.
 */
public class AuditTrail {

    /** The advisory lock key that serialises appends. */
    static final long APPEND_LOCK = 0x6d657368_61756469L;
    private static final String COLUMNS = "seq, at, actor, plan_id, wave, cluster_id, namespace, type, from_state, "
            + "to_state, reason, correlation_id, prev_hash, hash";
    private static final int STREAM_FETCH = 1000;

    private final DataSource dataSource;
    private final MeterRegistry meters;

    public AuditTrail(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.meters = meters;
    }

    /** Appends an entry (seq, prevHash and hash are assigned here); must run in a transaction. */
    public AuditEntry append(AuditEntry draft) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            String prev = AuditHash.GENESIS;
            try (PreparedStatement last = c.prepareStatement(
                    "SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1");
                    ResultSet rows = last.executeQuery()) {
                if (rows.next()) {
                    prev = rows.getString(1);
                }
            }
            long seq;
            try (PreparedStatement next = c.prepareStatement("SELECT nextval('audit_entry_seq')");
                    ResultSet rows = next.executeQuery()) {
                rows.next();
                seq = rows.getLong(1);
            }
            AuditEntry unsigned = new AuditEntry(seq, AuditHash.truncate(draft.at()), draft.actor(), draft.planId(),
                    draft.wave(), draft.clusterId(), draft.namespace(), draft.type(), draft.from(), draft.to(),
                    draft.reason(), draft.correlationId(), prev, null);
            AuditEntry entry = new AuditEntry(seq, unsigned.at(), unsigned.actor(), unsigned.planId(),
                    unsigned.wave(), unsigned.clusterId(), unsigned.namespace(), unsigned.type(), unsigned.from(),
                    unsigned.to(), unsigned.reason(), unsigned.correlationId(), prev, AuditHash.of(unsigned));
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, entry.seq());
                insert.setTimestamp(2, Timestamp.from(entry.at()));
                insert.setString(3, entry.actor());
                insert.setString(4, entry.planId());
                if (entry.wave() == null) {
                    insert.setNull(5, Types.INTEGER);
                } else {
                    insert.setInt(5, entry.wave());
                }
                insert.setString(6, entry.clusterId());
                insert.setString(7, entry.namespace());
                insert.setString(8, entry.type());
                insert.setString(9, entry.from());
                insert.setString(10, entry.to());
                insert.setString(11, entry.reason());
                insert.setString(12, entry.correlationId());
                insert.setString(13, entry.prevHash());
                insert.setString(14, entry.hash());
                insert.executeUpdate();
            }
            meters.counter("meshfleet.audit.entries", "type", entry.type()).increment();
            return entry;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to the audit trail: " + e.getMessage(), e);
        }
    }

    /** One page of entries matching {@code query}, in trail order. */
    public AuditPage page(AuditQuery query) {
        AuditQuery.Where where = query.where();
        String sql = "SELECT " + COLUMNS + " FROM audit_entry WHERE " + where.sql() + " ORDER BY seq LIMIT ?";
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            int i = bind(select, where.params());
            select.setInt(i, query.limit());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
        Long next = entries.size() == query.limit() ? entries.get(entries.size() - 1).seq() : null;
        return new AuditPage(entries, next);
    }

    /**
     * Streams every entry matching {@code query} (its limit ignored) to {@code sink}, in trail order,
     * through a server-side cursor; call outside any transaction.
     */
    public void stream(AuditQuery query, Consumer<AuditEntry> sink) {
        AuditQuery.Where where = query.where();
        streamSql("SELECT " + COLUMNS + " FROM audit_entry WHERE " + where.sql() + " ORDER BY seq", where.params(),
                sink);
    }

    /** Walks the whole chain and reports the first entry whose hash or link is wrong; call outside a transaction. */
    public Verification verify() {
        String[] expectedPrev = {AuditHash.GENESIS};
        long[] checked = {0};
        Verification[] broken = {null};
        try {
            streamSql("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq", List.of(), entry -> {
                if (broken[0] != null) {
                    throw new StopStream();
                }
                checked[0]++;
                if (!entry.prevHash().equals(expectedPrev[0])) {
                    broken[0] = new Verification(false, checked[0], entry.seq(), "CHAIN_BROKEN: prev_hash does not "
                            + "match the hash of the entry before it (an entry was removed, inserted or its hash "
                            + "rewritten)");
                } else if (!AuditHash.of(entry).equals(entry.hash())) {
                    broken[0] = new Verification(false, checked[0], entry.seq(),
                            "HASH_MISMATCH: the entry's content does not match its hash (it was modified)");
                }
                expectedPrev[0] = entry.hash();
            });
        } catch (StopStream stop) {
            // first broken link found
        }
        return broken[0] != null ? broken[0] : new Verification(true, checked[0], null, null);
    }

    private void streamSql(String sql, List<Object> params, Consumer<AuditEntry> sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL uses a cursor (fetch size) only outside autocommit
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(STREAM_FETCH);
                bind(select, params);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(read(rows));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
    }

    private static int bind(PreparedStatement statement, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            statement.setObject(i++, p);
        }
        return i;
    }

    private static AuditEntry read(ResultSet rows) throws SQLException {
        int waveValue = rows.getInt("wave");
        Integer wave = rows.wasNull() ? null : waveValue;
        return new AuditEntry(rows.getLong("seq"), rows.getTimestamp("at").toInstant(), rows.getString("actor"),
                rows.getString("plan_id"), wave, rows.getString("cluster_id"),
                rows.getString("namespace"), rows.getString("type"), rows.getString("from_state"),
                rows.getString("to_state"), rows.getString("reason"), rows.getString("correlation_id"),
                rows.getString("prev_hash"), rows.getString("hash"));
    }

    /** Ends a stream early. */
    private static final class StopStream extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopStream() {
            super(null, null, false, false);
        }
    }
}
