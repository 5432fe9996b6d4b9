import { createContext, useContext } from 'react';
import type { StageId } from '../domain/stages';

/**
 * Opens a stage of the run on screen (the run page's side panel). An action that hands the run to
 * another stage — a replan back to Strategy, execution closed for the evaluation — takes the person
 * there, rather than leave them on a panel with nothing more to do.
 */
export const OpenStageContext = createContext<(stage: StageId) => void>(() => undefined);

export const useOpenStage = () => useContext(OpenStageContext);
