package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Splitting a script into statements, and loading scripts by name. */
class SqlResourceTest {

    @Test
    void splitsAtSemicolonsThatEndALine() {
        // Act
        List<String> statements = SqlResource.statements("CREATE TABLE A (X INT);\nCREATE TABLE B (Y INT);\n");

        // Assert
        assertThat(statements).containsExactly("CREATE TABLE A (X INT)", "CREATE TABLE B (Y INT)");
    }

    @Test
    void keepsAMultiLineStatement_together() {
        // Arrange
        String script = """
                CREATE TABLE A (
                    X INT,
                    Y VARCHAR
                );
                """;

        // Act
        List<String> statements = SqlResource.statements(script);

        // Assert
        assertThat(statements).containsExactly("CREATE TABLE A (\n    X INT,\n    Y VARCHAR\n)");
    }

    @Test
    void dropsCommentLines_beforeAStatement() {
        // Arrange
        String script = """
                -- Operations: one row per run.
                -- (a second line of explanation)

                CREATE TABLE A (X INT);

                -- the step table
                CREATE TABLE B (Y INT);
                """;

        // Act
        List<String> statements = SqlResource.statements(script);

        // Assert
        assertThat(statements).containsExactly("CREATE TABLE A (X INT)", "CREATE TABLE B (Y INT)");
    }

    @Test
    void keepsCommentLines_insideAStatement() {
        // Arrange
        String script = """
                SELECT A,
                    -- B is the close price
                    B
                FROM T;
                """;

        // Act
        List<String> statements = SqlResource.statements(script);

        // Assert
        assertThat(statements).containsExactly("SELECT A,\n    -- B is the close price\n    B\nFROM T");
    }

    @Test
    void doesNotEndAStatement_atACommentLineEndingInASemicolon() {
        // Arrange
        String script = """
                SELECT A,
                    -- the close price; adjusted for splits;
                    B
                FROM T;
                """;

        // Act
        List<String> statements = SqlResource.statements(script);

        // Assert
        assertThat(statements).containsExactly("SELECT A,\n    -- the close price; adjusted for splits;\n    B\nFROM T");
    }

    @Test
    void dropsALeadingCommentLine_endingInASemicolon() {
        // Act
        List<String> statements = SqlResource.statements("-- computes TTM; four quarters;\nSELECT 1;\n");

        // Assert
        assertThat(statements).containsExactly("SELECT 1");
    }

    @Test
    void keepsATrailingStatement_thatHasNoSemicolon() {
        // Act
        List<String> statements = SqlResource.statements("SELECT 1;\nSELECT 2\nFROM T\n");

        // Assert
        assertThat(statements).containsExactly("SELECT 1", "SELECT 2\nFROM T");
    }

    @Test
    void keepsASingleStatement_withoutSemicolonOrNewline() {
        assertThat(SqlResource.statements("SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void ignoresBlankLines_andTrailingComments() {
        // Arrange
        String script = "\n\nSELECT 1;\n\n\n   \nSELECT 2;\n\n-- end of script\n-- really\n\n";

        // Act
        List<String> statements = SqlResource.statements(script);

        // Assert
        assertThat(statements).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void toleratesWindowsLineEndings_andSpaceAfterTheSemicolon() {
        // Act
        List<String> statements = SqlResource.statements("SELECT 1;  \r\nSELECT 2;\r\n");

        // Assert
        assertThat(statements).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void answersNoStatements_forAnEmptyOrCommentOnlyScript() {
        assertThat(SqlResource.statements("")).isEmpty();
        assertThat(SqlResource.statements("\n  \n")).isEmpty();
        assertThat(SqlResource.statements("-- nothing yet\n")).isEmpty();
    }

    @Test
    void splitsEachMigration_intoStatementsWithoutSemicolonsOrLeadingComments() {
        // Act
        List<String> statements = SqlResource.statements(SqlResource.loadPath("db/migration/V4__run_ledger.sql"));

        // Assert
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement).doesNotEndWith(";").doesNotStartWith("--").isNotBlank();
        });
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS RUN_LEDGER (");
    }

    @Test
    void loadsAScript_fromThePackageOfItsOwner() {
        // Act
        String sql = SqlResource.load(org.marketetl.load.PriceEtl.class, "price-merge.sql");

        // Assert
        assertThat(sql).isNotBlank();
    }

    @Test
    void refusesAScript_thatDoesNotExist() {
        assertThatThrownBy(() -> SqlResource.loadPath("db/migration/V0__missing.sql"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SQL resource not found: db/migration/V0__missing.sql");
    }
}
