/// Who rates an evaluación parcial eventual whose evaluador is gone. Seed 003: "Cuando el empleado
/// responsable de evaluar se retire del servicio sin efectuar las evaluaciones que le correspondían,
/// éstas deberán ser realizadas por su superior inmediato o por el empleado que para el efecto sea
/// designado por el jefe de la entidad. Si el empleado continúa en la entidad, mantiene la obligación
/// de realizarla." Talento Humano records the designation.
public enum DesignacionEvaluador {
    /// The evaluador in charge during the stretch, as the structure has them now.
    public enum EvaluadorDelLapso: Hashable, Sendable {
        case ninguno, retirado, activo
    }

    /// Why the designation is refused (in Spanish), or `nil` when it may be recorded.
    public static func rechazo(evaluadorDelLapso: EvaluadorDelLapso, designadoActivo: Bool, designadoEsEvaluado: Bool) -> String? {
        if evaluadorDelLapso == .activo {
            return "El evaluador del lapso sigue en la entidad y mantiene la obligación de calificarlo."
        }
        if !designadoActivo { return "Quien califica debe ser un servidor activo de la entidad." }
        if designadoEsEvaluado { return "El evaluado no puede calificar su propia evaluación." }
        return nil
    }
}
