package io.waymark.location;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A download's output that remembers whether writing to the client failed: a failure the writer
 * reports can then be told apart as the client having gone away (a closed tab, a lost connection),
 * which ends the answer but is no failure of the service, from a failure of the store, which is.
 */
final class ClientOutput extends FilterOutputStream {

    private boolean failed;

    ClientOutput(OutputStream out) {
        super(out);
    }

    boolean failed() {
        return failed;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }
}
