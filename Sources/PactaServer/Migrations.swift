import Fluent
import Vapor

/// Every migration, in order. One per file; each has a real `revert`.
enum PactaMigrations {
    static let todas: [any Migration] = [
        CreateEntidades(),
        CreateDependencias(),
        CreateProcesos(),
        CreateEmpleos(),
        CreateServidores(),
        CreateUsuarios(),
        CreateSituacionesAdministrativas(),
        CreateDiasNoHabiles(),
        CreateApiTokens(),
        CreateIntentosDeAcceso(),
        CreateAuditLog(),
        CreateImportaciones(),
        CreateSesiones(),
        CreateInstrumentosEDL(),
        CreatePeriodosEDL(),
        CreateEvaluacionesEDL(),
        CreateCompromisosEDL(),
        CreateTramosEDL(),
        CreateEvidenciasEDL(),
        CreateAccionesMejoramiento(),
        CreateRecursosEDL(),
        CreateEventosEDL(),
        CreateAvisos(),
        UpdateServidoresAddDerechosDeCarrera(),
        UpdateIntentosDeAccesoAddPendiente(),
        UpdateAuditLogAddClave(),
        CreateEventosEvaluacion(),
        CreateFormatosMejoramiento(),
        CreateVigenciasGI(),
        CreateEvaluacionesGI(),
        CreateEvidencias(),
        CreateAccionesDeMejoramiento(),
        MoverEventosEDL(),
        MoverEvidenciasEDL(),
        MoverAccionesMejoramientoEDL(),
        CreateIndicesDeResponsables(),
    ]

    static func register(on app: Application) {
        for m in todas { app.migrations.add(m) }
    }
}
