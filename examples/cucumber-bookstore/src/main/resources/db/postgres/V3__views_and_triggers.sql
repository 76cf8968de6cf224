-- Derived data the application reads, and rules the database enforces (PostgreSQL dialect of ../migration).

-- Keeps invoice.total equal to the sum of its lines.
CREATE FUNCTION invoice_total_from_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    id INTEGER := CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END;
BEGIN
    UPDATE invoice
       SET total = (SELECT COALESCE(SUM(unit_price * quantity), 0) FROM invoice_line WHERE invoice_id = id)
     WHERE invoice_id = id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_invoice_line_insert AFTER INSERT ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION invoice_total_from_lines();

CREATE TRIGGER trg_invoice_line_delete AFTER DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION invoice_total_from_lines();

-- A refunded invoice is final.
CREATE FUNCTION invoice_refund_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a refunded invoice cannot change status';
END;
$$;

CREATE TRIGGER trg_invoice_refund_final BEFORE UPDATE OF status ON invoice
    FOR EACH ROW WHEN (OLD.status = 'REFUNDED' AND NEW.status <> 'REFUNDED')
    EXECUTE FUNCTION invoice_refund_final();

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
