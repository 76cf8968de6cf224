package dev.pristine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import org.junit.jupiter.api.Test;

/** User-info in a server URL: taken out before any driver, resolver or message sees the URL. */
class ServerEnginesTest {

    @Test
    void userAndPasswordAreTakenOutOfTheUrl() {
        ServerEngines.UserInfo info = ServerEngines.splitUserInfo("PostgreSQL",
                "jdbc:postgresql://postgres:S3cret@127.0.0.1:5432/postgres?sslmode=disable");

        assertThat(info.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable");
        assertThat(info.user()).isEqualTo("postgres");
        assertThat(info.password()).isEqualTo("S3cret");
        assertThat(info).hasToString("UserInfo[url=jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable, "
                + "user=postgres, password=****]");
    }

    @Test
    void percentEscapesAreDecodedAndAnUnencodedAtInThePasswordStillWorks() {
        ServerEngines.UserInfo info = ServerEngines.splitUserInfo("MariaDB",
                "jdbc:mariadb://r%C3%B6ot:p@ss%3Aw+rd%2F@db1:3306,db2:3307/app");

        assertThat(info.url()).isEqualTo("jdbc:mariadb://db1:3306,db2:3307/app");
        assertThat(info.user()).isEqualTo("röot");
        assertThat(info.password()).isEqualTo("p@ss:w+rd/");
    }

    @Test
    void aUserWithoutPasswordAndAnEmptyPasswordAreKeptApart() {
        assertThat(ServerEngines.splitUserInfo("MariaDB", "jdbc:mariadb://root@127.0.0.1/"))
                .isEqualTo(new ServerEngines.UserInfo("jdbc:mariadb://127.0.0.1/", "root", null));
        assertThat(ServerEngines.splitUserInfo("MariaDB", "jdbc:mariadb://root:@127.0.0.1/"))
                .isEqualTo(new ServerEngines.UserInfo("jdbc:mariadb://127.0.0.1/", "root", ""));
    }

    @Test
    void anAtAfterTheHostIsNoUserInfo() {
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=a@b&options=x@y";

        assertThat(ServerEngines.splitUserInfo("PostgreSQL", url))
                .isEqualTo(new ServerEngines.UserInfo(url, null, null));
        assertThat(ServerEngines.splitUserInfo("PostgreSQL", "jdbc:postgresql:postgres"))
                .isEqualTo(new ServerEngines.UserInfo("jdbc:postgresql:postgres", null, null));
    }

    @Test
    void whatIsGivenApartFromTheUrlWinsThenTheUserInfoThenTheUrlParameter() {
        ServerEngines.UserInfo info = new ServerEngines.UserInfo("jdbc:postgresql://h/db", "alice", "pw-a");
        ServerEngines.UserInfo none = new ServerEngines.UserInfo("jdbc:postgresql://h/db", null, null);

        assertThat(info.user("bob", "carol")).isEqualTo("bob");
        assertThat(info.user(null, "carol")).isEqualTo("alice");
        assertThat(none.user(null, "carol")).isEqualTo("carol");
        assertThat(info.password("pw-b", "pw-c")).isEqualTo("pw-b");
        assertThat(info.password(null, "pw-c")).isEqualTo("pw-a");
        assertThat(none.password(null, "pw-c")).isEqualTo("pw-c");
    }

    @Test
    void aBrokenEscapeIsAConfigurationErrorWithThePasswordMasked() {
        assertThatThrownBy(() -> ServerEngines.splitUserInfo("PostgreSQL",
                "jdbc:postgresql://postgres:Br0ken%zzSecret@127.0.0.1:5432/postgres"))
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("cannot read the user name and password in the PostgreSQL URL, "
                            + "jdbc:postgresql://postgres:****@127.0.0.1:5432/postgres, percent-encode them (% as %25, "
                            + "/ as %2F, ? as %3F, # as %23, @ as %40)");
                    assertThat(e).hasNoCause();
                });
    }
}
