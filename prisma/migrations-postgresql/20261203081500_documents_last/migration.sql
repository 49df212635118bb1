-- Nothing to do on PostgreSQL. The SQLite migration of this name moves the
-- documents to the end of their rows; PostgreSQL keeps big values out of line
-- (TOAST), so where a column sits does not change what reading the others costs.
SELECT 1;
