import Fluent
import SQLKit

/// What the home pages of an evaluador and of a comisión ask at 50 000 servants: the evaluations they
/// approve in comisión and the evaluaciones parciales they owe (both were sequential scans).
struct CreateIndicesDeResponsables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "evaluaciones_edl_comision").on("evaluaciones_edl").column("comision_id").run()
        try await sql.create(index: "tramos_edl_evaluador_estado").on("tramos_edl").column("evaluador_id").column("estado").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "tramos_edl_evaluador_estado").run()
        try await sql.drop(index: "evaluaciones_edl_comision").run()
    }
}
