package dev.delegatedadmin.adapters.persistence.support;

import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * A DSLContext whose writes commit on their own, never joined to a caller's transaction. Spring Boot's DSLContext
 * goes through a {@link TransactionAwareDataSourceProxy} and runs jOOQ transactions as nested (savepoints) inside
 * any Spring transaction: an audit row written there would vanish with the caller's rollback.
 */
public final class OwnTransactions {

    private OwnTransactions() {
    }

    public static DSLContext of(DSLContext dsl) {
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        if (!(provider instanceof DataSourceConnectionProvider dataSourceProvider)) {
            throw new IllegalArgumentException("A DSLContext on a DataSource is needed, not on " + provider.getClass().getName());
        }
        DataSource dataSource = dataSourceProvider.dataSource();
        while (dataSource instanceof TransactionAwareDataSourceProxy proxy) {
            dataSource = proxy.getTargetDataSource();
        }
        ConnectionProvider direct = new DataSourceConnectionProvider(dataSource);
        return dsl.configuration()
                .derive(direct)
                .derive(new DefaultTransactionProvider(direct))
                .dsl();
    }
}
