-- Derived data the application reads, and rules the database enforces.

-- Keeps invoice.total equal to the sum of its lines.
CREATE TRIGGER trg_invoice_line_insert AFTER INSERT ON invoice_line
BEGIN
    UPDATE invoice
       SET total = (SELECT COALESCE(SUM(unit_price * quantity), 0) FROM invoice_line WHERE invoice_id = NEW.invoice_id)
     WHERE invoice_id = NEW.invoice_id;
END;

CREATE TRIGGER trg_invoice_line_delete AFTER DELETE ON invoice_line
BEGIN
    UPDATE invoice
       SET total = (SELECT COALESCE(SUM(unit_price * quantity), 0) FROM invoice_line WHERE invoice_id = OLD.invoice_id)
     WHERE invoice_id = OLD.invoice_id;
END;

-- A refunded invoice is final.
CREATE TRIGGER trg_invoice_refund_final BEFORE UPDATE OF status ON invoice
WHEN OLD.status = 'REFUNDED' AND NEW.status <> 'REFUNDED'
BEGIN
    SELECT RAISE(ABORT, 'a refunded invoice cannot change status');
END;

CREATE VIEW album_summary AS
SELECT al.album_id, al.title, ar.name AS artist, COUNT(t.track_id) AS tracks,
       COALESCE(SUM(t.milliseconds), 0) AS milliseconds
  FROM album al
  JOIN artist ar ON ar.artist_id = al.artist_id
  LEFT JOIN track t ON t.album_id = al.album_id
 GROUP BY al.album_id, al.title, ar.name;

CREATE VIEW customer_spend AS
SELECT c.customer_id, c.first_name || ' ' || c.last_name AS customer,
       COUNT(i.invoice_id) AS invoices,
       COALESCE(SUM(CASE WHEN i.status = 'REFUNDED' THEN 0 ELSE i.total END), 0) AS spent
  FROM customer c
  LEFT JOIN invoice i ON i.customer_id = c.customer_id
 GROUP BY c.customer_id, c.first_name, c.last_name;
