namespace MLNet.DeepTrainers;

/// <summary>
/// Something the training loop tells about each run and epoch (Keras's and skorch's callbacks): early
/// stopping, learning-rate schedules, checkpoints and progress are callbacks, and so can be the
/// user's own. The loop calls them in the order of the options' <c>Callbacks</c> list; a callback
/// changes the run through the <see cref="TrainingState"/> it is given (the learning rate, a stop,
/// the weights). One object may serve many fits (cross-validation folds): per-run state starts
/// afresh in <see cref="OnTrainBegin"/>.
/// </summary>
public abstract class TrainingCallback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingState state) { }

    /// <summary>Before epoch <see cref="TrainingState.Epoch"/>'s first batch: the place to set its learning rate.</summary>
    public virtual void OnEpochBegin(TrainingState state) { }

    /// <summary>After an epoch, with its losses and metrics (also the last entry of <see cref="TrainingState.History"/>).</summary>
    public virtual void OnEpochEnd(TrainingState state, EpochReport report) { }

    /// <summary>After the last epoch, or after a stop: the place to leave the weights the model should keep.</summary>
    public virtual void OnTrainEnd(TrainingState state) { }
}
