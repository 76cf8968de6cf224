-- PostgreSQL only: new invoice lines get ids after the seeded ones (SQLite does this by itself).
SELECT setval(pg_get_serial_sequence('invoice_line', 'invoice_line_id'), (SELECT MAX(invoice_line_id) FROM invoice_line));
